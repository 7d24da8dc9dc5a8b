// Checks a rendered card the two ways that matter: the `adaptivecards` package (what a renderer
// makes of it) and the official Adaptive Cards 1.5 JSON schema. Teams adds the CodeBlock element
// (and the msteams property) to Adaptive Cards; neither checker knows them, so both are taught
// them here, precisely, instead of ignoring what they report.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import type * as ACTypes from 'adaptivecards';
import { repoRoot } from './fixtures';

// The package's main entry needs a DOM on Node 20; its UMD bundle parses and validates without one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof ACTypes;

/** Teams' CodeBlock languages (microsoft/teams.ts packages/cards CodeLanguage). */
export const TEAMS_CODE_LANGUAGES = [
  'Bash', 'C', 'Cpp', 'CSharp', 'Css', 'Dos', 'Go', 'Graphql', 'Html', 'Java', 'JavaScript', 'Json', 'ObjectiveC', 'Perl', 'Php',
  'PlainText', 'PowerShell', 'Python', 'Sql', 'TypeScript', 'VbNet', 'Verilog', 'Vhdl', 'Xml',
];

/** The official schema, kept in the repository with its licence (test/schemas/README.md says where it comes from). */
export const SCHEMA_PATH = path.join(repoRoot, 'test', 'schemas', 'adaptive-card-1.5.json');

// ---- the adaptivecards package -------------------------------------------------------------

/** Teams' CodeBlock as an element the package can parse and validate (it renders nothing). */
class TeamsCodeBlock extends AC.CardElement {
  static readonly codeSnippetProperty = new AC.StringProperty(AC.Versions.v1_0, 'codeSnippet');
  static readonly languageProperty = new AC.StringProperty(AC.Versions.v1_0, 'language');
  static readonly startLineNumberProperty = new AC.NumProperty(AC.Versions.v1_0, 'startLineNumber');

  override getJsonTypeName(): string {
    return 'CodeBlock';
  }

  protected override internalRender(): undefined {
    return undefined;
  }

  override internalValidateProperties(context: ACTypes.ValidationResults): void {
    super.internalValidateProperties(context);
    const code: unknown = this.getValue(TeamsCodeBlock.codeSnippetProperty);
    const language: unknown = this.getValue(TeamsCodeBlock.languageProperty);
    const start: unknown = this.getValue(TeamsCodeBlock.startLineNumberProperty);
    if (typeof code !== 'string' || code === '') context.addFailure(this, AC.ValidationEvent.PropertyCantBeNull, 'CodeBlock: codeSnippet must be a non-empty string');
    if (language !== undefined && !TEAMS_CODE_LANGUAGES.includes(String(language))) {
      context.addFailure(this, AC.ValidationEvent.InvalidPropertyValue, `CodeBlock: unknown language "${String(language)}"`);
    }
    if (start !== undefined && !(Number.isInteger(start) && (start as number) >= 1)) {
      context.addFailure(this, AC.ValidationEvent.InvalidPropertyValue, 'CodeBlock: startLineNumber must be a positive integer');
    }
  }
}

// A private registry (the defaults plus CodeBlock), so the package's global registry stays as shipped.
const elements = new AC.CardObjectRegistry<ACTypes.CardElement>();
AC.GlobalRegistry.populateWithDefaultElements(elements);
elements.register('CodeBlock', TeamsCodeBlock, AC.Versions.v1_5);

// The package validates against its default host config (at most 5 actions). Teams renders up to 6
// top-level actions, and moves "secondary" ones to the "…" menu; validate against Teams' limit.
const teamsHost = new AC.HostConfig({ actions: { maxActions: 6 } });

/** Parse events and validation failures the adaptivecards package reports; [] when the card is clean. */
export function adaptiveCardsErrors(card: object): string[] {
  const ctx = new AC.SerializationContext();
  ctx.setElementRegistry(elements);
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = teamsHost;
  parsed.parse(card, ctx);
  const errors: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    errors.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) errors.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  return errors;
}

/** The same check with the stock registry: shows what the package says about CodeBlock untaught. */
export function adaptiveCardsEventsUntaught(card: object): { event: string; message: string }[] {
  const ctx = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, ctx);
  const out: { event: string; message: string }[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    out.push({ event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });
  }
  return out;
}

// ---- the official JSON schema --------------------------------------------------------------

type Json = Record<string, unknown>;

/** Adds Teams' extensions to the parsed schema, in memory only. */
function withTeamsExtensions(schema: Json): Json {
  // The file names itself with draft-04's "id"; ajv 8 accepts only draft-06's "$id" there.
  if (typeof schema.id === 'string') {
    schema.$id = schema.id;
    delete schema.id;
  }
  const defs = schema.definitions as Record<string, Json>;
  defs.CodeBlock = {
    description: 'Teams only: a block of code with syntax highlighting.',
    type: 'object',
    properties: {
      type: { enum: ['CodeBlock'] },
      codeSnippet: { type: 'string', minLength: 1 },
      language: { enum: TEAMS_CODE_LANGUAGES },
      startLineNumber: { type: 'integer', minimum: 1 },
      // Inherited from Extendable.Element, listed so additionalProperties: false allows them (as the schema does for every element).
      fallback: {},
      height: {},
      separator: {},
      spacing: {},
      id: {},
      isVisible: {},
      requires: {},
    },
    required: ['codeSnippet'],
    additionalProperties: false,
    allOf: [{ $ref: '#/definitions/Extendable.Element' }],
  };
  (defs['ImplementationsOf.Element']!.anyOf as Json[]).push({ required: ['type'], allOf: [{ $ref: '#/definitions/CodeBlock' }] });
  // Teams' card-level extension; we only use the full-width setting.
  (defs.AdaptiveCard!.properties as Json).msteams = { type: 'object', properties: { width: { enum: ['Full'] } }, additionalProperties: false };
  return schema;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    // The schema uses these formats; ajv 8 ships none, and ajv-formats is not a dependency.
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
    ajv.addFormat('uri-reference', /^\S*$/);
    compiled = ajv.compile(withTeamsExtensions(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Json));
  }
  return compiled;
}

/** Schema violations, [] when valid. */
export function schemaErrors(card: object): string[] {
  const validate = validator();
  if (validate(card)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

// ---- walking a card ------------------------------------------------------------------------

/** Every object in the card, depth first. */
export function objectsOf(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const x of node) objectsOf(x, out);
  else if (typeof node === 'object' && node !== null) {
    out.push(node as Json);
    for (const v of Object.values(node)) objectsOf(v, out);
  }
  return out;
}

/** The `data` of every Action.Submit in the card (card actions and ActionSets alike). */
export function submitData(card: object): unknown[] {
  return objectsOf(card).filter((o) => o.type === 'Action.Submit').map((o) => o.data);
}

export function elementsOfType(card: object, type: string): Json[] {
  return objectsOf(card).filter((o) => o.type === type);
}
