import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  CharityRegistryViewSchema,
  DisclosureRecord,
  DisclosureRecordViewSchema,
} from '@donations/contracts';
import { RegistryClient } from '@donations/adapter-kit';
import { operatorTokenIn } from '../../simulator/src/catalog/registry-seeder';
import type { CurrencyTruth } from '../../simulator/src/truth/ground-truth';

/** The figures a report's summary row shows for one currency, in minor units and counts. */
export interface SummaryFigures {
  raisedMinor: string;
  refundedMinor: string;
  netMinor: string;
  donationCount: string;
  refundCount: string;
}

export function figuresOfTruth(truth: CurrencyTruth): SummaryFigures {
  return {
    raisedMinor: String(truth.raisedMinor),
    refundedMinor: String(truth.refundedMinor),
    netMinor: String(truth.raisedMinor - truth.refundedMinor),
    donationCount: String(truth.donationCount),
    refundCount: String(truth.refundCount),
  };
}

/**
 * A summary row of the report's "汇总 Summary" section: currency, then each amount in yuan and
 * in minor units, then the two counts (services/dashboard/src/reports/report-sections.ts).
 */
function figuresOfRow(cells: readonly string[]): SummaryFigures {
  return {
    raisedMinor: cells[2],
    refundedMinor: cells[4],
    netMinor: cells[6],
    donationCount: cells[7],
    refundCount: cells[8],
  };
}

/** The summary rows of a CSV report, per currency (rows of nine cells starting with it). */
export async function csvSummary(path: string, currency: string): Promise<SummaryFigures[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .map((line) => line.split(','))
    .filter((cells) => cells.length === 9 && cells[0] === currency)
    .map(figuresOfRow);
}

/** The summary rows of an XLSX report, per currency, from its "汇总 Summary" sheet. */
export async function xlsxSummary(path: string, currency: string): Promise<SummaryFigures[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets.find((s) => s.name.includes('Summary'));
  const rows: SummaryFigures[] = [];
  sheet?.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1).map((value) => String(value));
    if (cells[0] === currency) rows.push(figuresOfRow(cells));
  });
  return rows;
}

/** Clicks a download link of the page and returns where the browser saved the file. */
export async function download(page: Page, selector: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return file.path();
}

/** An adapter's registry API as an operator (the token `ops dev-secrets` wrote) uses it. */
export class OperatorRegistry {
  readonly client: RegistryClient;
  private readonly token: string;

  constructor(
    private readonly adapterUrl: string,
    secretsDir: string,
  ) {
    this.token = operatorTokenIn(secretsDir);
    this.client = new RegistryClient(adapterUrl, this.token, 'browser-test');
  }

  async charityName(uscc: string): Promise<string> {
    const charities = CharityRegistryViewSchema.array().parse(
      await this.call('GET', '/operator/registry/charities'),
    );
    const charity = charities.find((c) => c.uscc === uscc);
    if (!charity) throw new Error(`charity ${uscc} is not registered`);
    return charity.name;
  }

  async recordDisclosure(record: DisclosureRecord): Promise<void> {
    DisclosureRecordViewSchema.parse(
      await this.call('POST', '/operator/registry/disclosures', record),
    );
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.adapterUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'x-operator': 'browser-test',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await response.json();
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
}
