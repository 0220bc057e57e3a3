export { nominationWorkflow } from './nomination';
export { committeeRoundWorkflow } from './committee-round';
export { committeeQuorumWorkflow } from './committee-quorum';
export { campaignWorkflow } from './campaign';
export { housekeepingWorkflow } from './housekeeping';
export { emailDeliveryWorkflow } from './email';
export { announcementWorkflow } from './announcement';
export { taskDigestWorkflow } from './task-digest';
