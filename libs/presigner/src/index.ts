export { inlineDisposition } from './content-disposition';
export {
  maxLinkSeconds,
  presignSnapshot,
  type LinkRequest,
  type SnapshotLink,
} from './presign-snapshot';
export { InvalidLinkRequestError, PresignerError } from './presigner-error';
