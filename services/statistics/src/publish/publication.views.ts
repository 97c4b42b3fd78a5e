import {
  StatsOverviewV1Schema,
  StatsTimeseriesV1Schema,
  TOPICS,
  TopicPayloads,
} from '@donations/contracts';
import type { TypedMessage } from '@donations/kafka';
import { overviewOf } from '../overview/overview.views';
import type { PublicationState } from './publish.repository';

type Overview = typeof TOPICS.statsOverview;
type Timeseries = typeof TOPICS.statsTimeseries;

/** The messages of one round (key = scope), each valid against its topic's schema. */
export interface Publication {
  overviews: TypedMessage<Overview>[];
  minutes: TypedMessage<Timeseries>[];
  /** Scopes whose value failed its schema (a bug): left out, with the first issue. */
  invalid: { scope: string; issue: string }[];
}

export function publicationOf(state: PublicationState, updatedAt: string): Publication {
  const publication: Publication = { overviews: [], minutes: [], invalid: [] };
  for (const { scope, hashes, version } of state.overviews) {
    const value = overviewOf(scope, hashes, { version, updatedAt });
    if (value === undefined) continue;
    const parsed = StatsOverviewV1Schema.safeParse(value);
    if (parsed.success) publication.overviews.push(message(scope, parsed.data));
    else publication.invalid.push({ scope, issue: firstIssue(parsed.error.issues) });
  }
  for (const { scope, minute, version, perCurrency } of state.minutes) {
    const parsed = StatsTimeseriesV1Schema.safeParse({
      scope,
      version,
      minute,
      perCurrency,
      updatedAt,
    });
    if (parsed.success) publication.minutes.push(message(scope, parsed.data));
    else publication.invalid.push({ scope, issue: firstIssue(parsed.error.issues) });
  }
  return publication;
}

function message<T extends Overview | Timeseries>(
  scope: string,
  value: TopicPayloads[T],
): TypedMessage<T> {
  return { key: scope, value };
}

const firstIssue = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues.length === 0 ? 'invalid' : `${issues[0].path.map(String).join('.')}: ${issues[0].message}`;
