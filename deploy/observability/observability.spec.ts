import { allExpressions, readDashboard, readRules } from './observability-files';
import { exposedTypes, isExposed, metricNames } from './promql-metrics';

describe('PromQL metric names', () => {
  it.each([
    ['rate(webhook_requests_total[5m])', ['webhook_requests_total']],
    [
      'histogram_quantile(0.99, sum by (service, le) (rate(webhook_duration_seconds_bucket{service="a{b}"}[$__rate_interval])))',
      ['webhook_duration_seconds_bucket'],
    ],
    [
      'sum(x_total) by (le) / on (group) group_left (topic) y offset 5m > 1e3 and z unless bool w',
      ['x_total', 'y', 'z', 'w'],
    ],
    ['min_over_time(backlog[10m:1m]) > 0.5 or vector(0)', ['backlog']],
    ['up{job="donations"} == 0', ['up']],
    ['sum by (group, topic) (consumer_lag)', ['consumer_lag']],
  ])('reads %s', (expression, names) => {
    expect(metricNames(expression)).toEqual(names);
  });

  it("finds a histogram's series and a counter, not an unknown name", () => {
    const types = exposedTypes(
      [
        '# HELP a_seconds time',
        '# TYPE a_seconds histogram',
        'a_seconds_bucket{le="1"} 0',
        '# TYPE b_total counter',
        '# TYPE c gauge',
      ].join('\n'),
    );
    for (const name of ['a_seconds_bucket', 'a_seconds_sum', 'a_seconds_count', 'b_total', 'c']) {
      expect(isExposed(name, types)).toBe(true);
    }
    for (const name of ['a_seconds_total', 'b_total_count', 'c_bucket', 'd']) {
      expect(isExposed(name, types)).toBe(false);
    }
  });
});

describe('Prometheus alert rules (deploy/observability/alerts.rules.yaml)', () => {
  const rules = readRules().groups.flatMap((group) => group.rules);

  it('has the alerts an operations team expects, each named once', () => {
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'ConsumerLagGrowing',
        'DeadLettersGrowing',
        'ServerErrors',
        'OutboxBacklog',
        'ServiceNotReady',
        'ServiceDown',
      ]),
    );
  });

  it.each(rules.map((rule) => [rule.alert, rule] as const))(
    '%s has an expression, a severity, a summary and a runbook line',
    (_name, rule) => {
      expect(metricNames(rule.expr).length).toBeGreaterThan(0);
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary?.trim()).toBeTruthy();
      expect(rule.annotations?.runbook?.trim()).toBeTruthy();
      expect(rule.annotations?.runbook).not.toContain('\n');
    },
  );
});

describe('Grafana dashboard (deploy/observability/grafana-dashboard.json)', () => {
  const dashboard = readDashboard();
  const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');

  it('is one dashboard in Beijing time on a chosen Prometheus data source', () => {
    expect(dashboard.uid).toBe('donations-overview');
    expect(dashboard.timezone).toBe('Asia/Shanghai');
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
    for (const panel of graphs) expect(panel.datasource?.uid).toBe('${datasource}');
  });

  it('has panels with unique ids, inside the 24-column grid, each with a query', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of graphs) {
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? [])
        expect(metricNames(target.expr).length).toBeGreaterThan(0);
    }
  });

  it('shows webhooks and 5xx, accepted vs dead-lettered, lag, outbox, batches and readiness', () => {
    const shown = new Set(allExpressions().flatMap(({ expr }) => metricNames(expr)));
    for (const name of [
      'webhook_requests_total',
      'http_requests_total',
      'webhook_events_emitted_total',
      'dead_letters_written_total',
      'consumer_lag',
      'aggregator_outbox_backlog',
      'consumer_batch_duration_seconds_count',
      'consumer_batch_duration_seconds_bucket',
      'statistics_rebuilds_total',
      'readiness_check_up',
      'up',
    ]) {
      expect(shown).toContain(name);
    }
  });
});
