import {
  ErrorBodySchema,
  Platform,
  StatementReport,
  StatementReportSchema,
} from '@donations/contracts';

/** A failed import as the CLI reports it: a stable code (the adapter's, or OPS.*) and a message. */
export class StatementImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StatementImportError';
  }
}

export interface StatementRequest {
  adapterUrl: string;
  platform: Platform;
  token: string;
  dryRun: boolean;
  csv: Uint8Array;
}

/** Posts a statement to an adapter's `POST /statements` and returns its validated report. */
export async function postStatement(request: StatementRequest): Promise<StatementReport> {
  const url = statementsUrl(request);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        authorization: `Bearer ${request.token}`,
      },
      body: request.csv,
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
    throw new StatementImportError(
      'OPS.ADAPTER_UNREACHABLE',
      `cannot reach ${url.origin}: ${cause}`,
    );
  }
  return readAnswer(response, await response.text());
}

/** `<adapter-url>/statements?dryRun=..&platform=..` (the adapter checks the platform). */
export function statementsUrl(request: Omit<StatementRequest, 'csv' | 'token'>): URL {
  let url: URL;
  try {
    url = new URL(request.adapterUrl);
  } catch {
    throw new StatementImportError('OPS.INVALID_ARGUMENT', `--adapter-url is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StatementImportError('OPS.INVALID_ARGUMENT', '--adapter-url must be http(s)');
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/statements`;
  url.search = new URLSearchParams({
    dryRun: String(request.dryRun),
    platform: request.platform,
  }).toString();
  return url;
}

function readAnswer(response: Response, text: string): StatementReport {
  const json = parseJson(text);
  if (!response.ok) {
    const body = ErrorBodySchema.safeParse(json);
    throw body.success
      ? new StatementImportError(body.data.code, `${response.status}: ${body.data.message}`)
      : new StatementImportError(`HTTP.${response.status}`, text.slice(0, 200));
  }
  const report = StatementReportSchema.safeParse(json);
  if (!report.success) {
    throw new StatementImportError('OPS.BAD_RESPONSE', 'the adapter answered without a report');
  }
  return report.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
