/** The trainer worker (deuro trainer): gPredict's trials, run through a gateway. */
export {
  runTrainer,
  trialModelAssetId,
  type TrainerOptions,
  type TrainerReport,
} from './trainer-worker';
export type { TrainerApi } from './trainer-api';
export { digitsBundle, readDigitsBundle, shiftDigitsRight } from './dataset-bundle';
export { trainingConfigOf } from './trial-config';
export { allReported, leasableTrials, searchHistory } from './trial-plan';
export { reproduceTrial, type TrialReproduction } from './reproduce-trial';
export { taskInputs, type TaskInputs } from './task-inputs';
