export { dataQualityAlert, failureLine } from './data-quality-alert';
export { runFailureAlert, type RunFailure } from './run-failure-alert';
export { monitoringAlert, RULE_TITLES, type RuleChange } from './monitoring-alert';
export { deliverAlert, type Alert, type ChannelOutcome } from './deliver-alert';
export { postToTeams, teamsMessage, messageBytes, TEAMS_MAX_BYTES, type AdaptiveCard } from './teams';
export { sendEmail, type EmailMessage } from './email';
export { DEFAULT_RETRY, type RetryPolicy, type DeliveryResult } from './delivery';
export { escapeHtml } from './escape-html';
export { dashboardLinkOf, reportLinkOf } from './links';
