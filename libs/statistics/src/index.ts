export { krippendorffAlpha, type AlphaLevel, type AlphaReason, type AlphaResult } from './krippendorff';
export {
  fitRaterSeverity,
  type Rating,
  type RaterGroup,
  type RaterSeverity,
  type SeverityFit,
  type SeverityOptions,
  type SeverityReason,
} from './rater-severity';
export { suppressSmallCells, type SuppressionOptions, type SuppressionResult } from './suppression';
