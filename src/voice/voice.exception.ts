import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum VoiceExceptionCode {
  PROPOSAL_NOT_FOUND = 'PROPOSAL_NOT_FOUND',
  PROPOSAL_DECIDED = 'PROPOSAL_DECIDED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function voiceStatus(code: VoiceExceptionCode): number {
  switch (code) {
    case VoiceExceptionCode.PROPOSAL_NOT_FOUND:
      return 404;
    case VoiceExceptionCode.PROPOSAL_DECIDED:
      return 409;
    default:
      return assertNever(code);
  }
}

/** An exclusion proposal that is not there, or no longer pending. */
export class VoiceException extends AppException<VoiceExceptionCode> {
  get status(): number {
    return voiceStatus(this.code);
  }
}
