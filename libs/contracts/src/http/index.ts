export * from './error-body';
export * from './totals.views';
export * from './verification.view';
export * from './rebuild.view';
export * from './stats.views';
export * from './statement-report.view';
export * from './ledger-report.view';
export * from './donation-check.view';
