export { nominationWorkflow } from './nomination';
export { committeeRoundWorkflow } from './committee-round';
export { campaignWorkflow } from './campaign';
