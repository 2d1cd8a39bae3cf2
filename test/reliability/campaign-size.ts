/**
 * `npm test` runs a sample of each reliability campaign; `npm run test:slow` sets CTO_RELIABILITY_FULL=1
 * for the full ones (README "Tests"). The campaigns' own variables still override a count.
 */
export const fullCampaign = process.env.CTO_RELIABILITY_FULL === '1';
