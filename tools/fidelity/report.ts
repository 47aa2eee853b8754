import type { ReplayedCassette, ReplayedInteraction } from './replay.ts';

/**
 * The API areas of the types tenantform manages (its adapters' operations, by area). The
 * acceptance bar holds each of these to 90%; other areas count in the totals only.
 */
export const MANAGED_AREAS = new Set([
  'clients',
  'resource-servers',
  'client-grants',
  'connections',
  'connections/clients',
  'roles',
  'roles/permissions',
  'actions/actions',
  'actions/triggers',
  'log-streams',
  'tenants/settings',
  'organizations',
  'organizations/enabled_connections',
  'email-templates',
  'prompts/custom-text',
]);

export interface AreaFigures {
  area: string;
  managed: boolean;
  requests: number;
  statusEqual: number;
  /** Status differences where no route matched, or the path named a recorded-tenant object. */
  noRoute: number;
  unknownId: number;
  fieldsRecorded: number;
  fieldsReturned: number;
  valuesWritten: number;
  valuesEchoed: number;
  /** Recorded list elements skipped as the recorded tenant's own objects. */
  tenantState: number;
}

export interface Divergence {
  cassette: string;
  interaction?: ReplayedInteraction;
  /** Why it diverged, in words. */
  what: string;
}

export interface FidelityReport {
  total: AreaFigures;
  areas: AreaFigures[];
  divergences: Divergence[];
}

const emptyFigures = (area: string): AreaFigures => ({
  area,
  managed: MANAGED_AREAS.has(area),
  requests: 0,
  statusEqual: 0,
  noRoute: 0,
  unknownId: 0,
  fieldsRecorded: 0,
  fieldsReturned: 0,
  valuesWritten: 0,
  valuesEchoed: 0,
  tenantState: 0,
});

function add(figures: AreaFigures, step: ReplayedInteraction): void {
  figures.requests++;
  if (step.recordedStatus === step.emulatedStatus) figures.statusEqual++;
  else if (step.noRoute) figures.noRoute++;
  else if (step.unknownId) figures.unknownId++;
  if (step.fields) {
    figures.fieldsRecorded += step.fields.recorded;
    figures.fieldsReturned += step.fields.returned;
    figures.tenantState += step.fields.tenantState;
  }
  if (step.echoes) {
    figures.valuesWritten += step.echoes.written;
    figures.valuesEchoed += step.echoes.echoed;
  }
}

/** The first request whose status differs, else the first whose answer lacks recorded fields. */
export function firstDivergence(cassette: ReplayedCassette): Divergence {
  const status = cassette.interactions.find((step) => step.recordedStatus !== step.emulatedStatus);
  if (status) {
    const why = status.noRoute
      ? 'no route'
      : status.unknownId
        ? 'names an object of the recorded tenant'
        : (status.emulatedMessage ?? '');
    return {
      cassette: cassette.name,
      interaction: status,
      what: `${status.recordedStatus} recorded, ${status.emulatedStatus} emulated${why ? `: ${why}` : ''}`,
    };
  }
  const fields = cassette.interactions.find((step) => step.fields && step.fields.missing.length > 0);
  if (fields?.fields)
    return {
      cassette: cassette.name,
      interaction: fields,
      what: `missing ${fields.fields.missing.slice(0, 4).join(', ')}${fields.fields.missing.length > 4 ? ', …' : ''}`,
    };
  return { cassette: cassette.name, what: 'none' };
}

export function summarise(cassettes: ReplayedCassette[]): FidelityReport {
  const total = emptyFigures('all');
  total.managed = false;
  const byArea = new Map<string, AreaFigures>();
  for (const cassette of cassettes) {
    for (const step of cassette.interactions) {
      let figures = byArea.get(step.area);
      if (!figures) {
        figures = emptyFigures(step.area);
        byArea.set(step.area, figures);
      }
      add(figures, step);
      add(total, step);
    }
  }
  const areas = [...byArea.values()].sort((a, b) => b.requests - a.requests || a.area.localeCompare(b.area));
  return { total, areas, divergences: cassettes.map(firstDivergence) };
}

export const percent = (part: number, whole: number): number | undefined =>
  whole === 0 ? undefined : (100 * part) / whole;

const cell = (part: number, whole: number) => {
  const value = percent(part, whole);
  return value === undefined ? '—' : value.toFixed(1);
};

/** The summary table, in Markdown: totals first, then every area by request count. */
export function renderTable(report: FidelityReport): string {
  const header = [
    '| area | managed | requests | status equal % | no route | recorded-tenant ids | fields returned % | values echoed % |',
    '|---|:-:|--:|--:|--:|--:|--:|--:|',
  ];
  const row = (f: AreaFigures, bold = false) => {
    const b = (text: string) => (bold ? `**${text}**` : text);
    return `| ${b(f.area)} | ${f.managed ? 'yes' : ''} | ${f.requests} | ${b(cell(f.statusEqual, f.requests))} | ${f.noRoute} | ${f.unknownId} | ${b(cell(f.fieldsReturned, f.fieldsRecorded))} | ${cell(f.valuesEchoed, f.valuesWritten)} |`;
  };
  return [...header, row(report.total, true), ...report.areas.map((f) => row(f))].join('\n');
}

export function renderDivergences(report: FidelityReport): string {
  const lines = ['| cassette | first divergence | request |', '|---|---|---|'];
  for (const d of report.divergences) {
    const request = d.interaction
      ? `#${d.interaction.index} \`${d.interaction.method} ${d.interaction.path.length > 70 ? `${d.interaction.path.slice(0, 67)}…` : d.interaction.path}\``
      : '';
    lines.push(`| ${d.cassette} | ${d.what.replace(/\|/g, '\\|').replace(/\n/g, ' ')} | ${request} |`);
  }
  return lines.join('\n');
}

/** Thresholds of issue 14's acceptance: the failures, in words (empty when all are met). */
export function unmetThresholds(report: FidelityReport): string[] {
  const failures: string[] = [];
  const status = percent(report.total.statusEqual, report.total.requests) ?? 100;
  const fields = percent(report.total.fieldsReturned, report.total.fieldsRecorded) ?? 100;
  if (status < 97) failures.push(`status codes equal ${status.toFixed(1)}% < 97%`);
  if (fields < 95) failures.push(`fields returned ${fields.toFixed(1)}% < 95%`);
  for (const area of report.areas.filter((a) => a.managed)) {
    const areaStatus = percent(area.statusEqual, area.requests) ?? 100;
    const areaFields = percent(area.fieldsReturned, area.fieldsRecorded) ?? 100;
    if (areaStatus < 90) failures.push(`${area.area}: status codes equal ${areaStatus.toFixed(1)}% < 90%`);
    if (areaFields < 90) failures.push(`${area.area}: fields returned ${areaFields.toFixed(1)}% < 90%`);
  }
  return failures;
}
