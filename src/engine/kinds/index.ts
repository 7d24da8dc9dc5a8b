// Every kind module, in detection-tie-break order (more specific kinds first).
import type { KindModule, PasteKind } from '../types';
import { irmConfiguration } from './irmConfiguration';
import { irmTest } from './irmTest';
import { registry } from './registry';
import { connectorEvents } from './connectorEvents';
import { exchangeVersion } from './exchangeVersion';
import { webProbe } from './webProbe';
import { certificateCheck } from './certificateCheck';
import { rmsTenantConfiguration } from './rmsTenantConfiguration';
import { powershellError } from './powershellError';

export const KIND_MODULES: readonly KindModule<unknown>[] = [
  irmTest,
  irmConfiguration,
  registry,
  connectorEvents,
  exchangeVersion,
  certificateCheck,
  webProbe,
  rmsTenantConfiguration,
  powershellError,
] as KindModule<unknown>[];

export function moduleFor(kind: PasteKind): KindModule<unknown> | undefined {
  return KIND_MODULES.find((m) => m.kind === kind);
}
