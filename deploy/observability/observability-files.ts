import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { type: string; uid: string } }[];
}

export interface Dashboard {
  uid: string;
  title: string;
  timezone: string;
  panels: DashboardPanel[];
  templating: { list: { name: string; type: string }[] };
}

export const RULES_FILE = join(__dirname, 'alerts.rules.yaml');
export const DASHBOARD_FILE = join(__dirname, 'grafana-dashboard.json');

export const readRules = (): RuleFile => parse(readFileSync(RULES_FILE, 'utf8')) as RuleFile;

export const readDashboard = (): Dashboard =>
  JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;

/** Every PromQL expression of the rule file and the dashboard, with where it is. */
export function allExpressions(): { where: string; expr: string }[] {
  const rules = readRules().groups.flatMap((group) =>
    group.rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
  );
  const panels = readDashboard().panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      where: `panel "${panel.title}" ${target.refId}`,
      expr: target.expr,
    })),
  );
  return [...rules, ...panels];
}

/**
 * Series Prometheus writes itself for each scraped target, not a service's: `up` (the job that
 * scrapes the services is named in the rules and the dashboard).
 */
export const PROMETHEUS_SERIES = new Set(['up']);
