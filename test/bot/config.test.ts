// STORAGE=azure-blob settings: a missing or ambiguous account, or a container name Azure would
// refuse, fails at start-up with a ConfigError that names the variable.
import * as assert from 'assert';
import { ConfigError, loadConfig } from '../../src/bot/config';

const CS = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1';

describe('config: STORAGE=azure-blob', () => {
  it('defaults: sqlite storage, container irm-doctor', () => {
    const c = loadConfig({});
    assert.strictEqual(c.storage, 'sqlite');
    assert.strictEqual(c.azure.container, 'irm-doctor');
  });

  it('accepts a connection string or an account URL (trailing slash dropped)', () => {
    const a = loadConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: CS });
    assert.deepStrictEqual(a.azure, { connectionString: CS, accountUrl: '', container: 'irm-doctor' });
    const b = loadConfig({ STORAGE: 'Azure-Blob', AZURE_STORAGE_ACCOUNT_URL: 'https://irmdoctor.blob.core.windows.net/', AZURE_STORAGE_CONTAINER: 'cases-prod-2' });
    assert.strictEqual(b.storage, 'azure-blob');
    assert.deepStrictEqual(b.azure, { connectionString: '', accountUrl: 'https://irmdoctor.blob.core.windows.net', container: 'cases-prod-2' });
  });

  it('needs exactly one of connection string and account URL', () => {
    assert.throws(() => loadConfig({ STORAGE: 'azure-blob' }), (e: Error) => e instanceof ConfigError && /AZURE_STORAGE_CONNECTION_STRING/.test(e.message));
    assert.throws(() => loadConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: CS, AZURE_STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net' }), ConfigError);
    assert.throws(() => loadConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_ACCOUNT_URL: 'irmdoctor.blob.core.windows.net' }), /AZURE_STORAGE_ACCOUNT_URL/);
  });

  for (const bad of ['ab', 'IRM-Doctor', 'irm_doctor', '-irm', 'irm-', 'irm--doctor', 'a'.repeat(64)]) {
    it(`refuses the container name "${bad.length > 20 ? `${bad.slice(0, 8)}… (${bad.length})` : bad}"`, () => {
      assert.throws(() => loadConfig({ STORAGE: 'azure-blob', AZURE_STORAGE_CONNECTION_STRING: CS, AZURE_STORAGE_CONTAINER: bad }),
        (e: Error) => e instanceof ConfigError && /AZURE_STORAGE_CONTAINER/.test(e.message));
    });
  }

  it('does not check Azure settings unless STORAGE=azure-blob', () => {
    assert.strictEqual(loadConfig({ STORAGE: 'memory', AZURE_STORAGE_CONTAINER: 'Bad_Name' }).storage, 'memory');
  });
});
