/** What a hub process is told at start: trust, privacy and limits. Same for every process behind one load balancer. */
import type { HubKey } from './releases';
import type { Limit } from './rate-limit';

export interface HubConfig {
  /** Keys whose signed packs the hub accepts: the same keys agents' extensions trust. */
  trustedKeys: HubKey[];
  /** Show figures for groups smaller than `minGroup` agents (off by default). */
  showIndividuals: boolean;
  minGroup: number;
  /** Mark cookies Secure (the hub is served over HTTPS, directly or behind a proxy). */
  secureCookies: boolean;
  /** Base URL agents reach the hub at (for feed URLs); by default the request's own origin. */
  publicUrl?: string;
  limits: { enrol: Limit; events: Limit; login: Limit; api: Limit };
}

export const DEFAULT_CONFIG: HubConfig = {
  trustedKeys: [],
  showIndividuals: false,
  minGroup: 5,
  secureCookies: false,
  limits: {
    enrol: { burst: 10, perMinute: 10 },
    // An extension sends a batch every few minutes; a backlog after an outage drains in bursts.
    events: { burst: 60, perMinute: 30 },
    login: { burst: 5, perMinute: 5 },
    api: { burst: 60, perMinute: 120 },
  },
};

/** The smallest group whose figures are shown: 1 when individuals may be shown. */
export const minGroupOf = (c: HubConfig) => (c.showIndividuals ? 1 : c.minGroup);
