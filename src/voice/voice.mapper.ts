import type { TaggingStatusDto } from './tagging/dto/tagging.dto.js';

export function taggingStatusToResponse(s: { pending: number; oldestEnqueuedAt: Date | null; lagSeconds: number }): TaggingStatusDto {
  return {
    pending: s.pending,
    oldestEnqueuedAt: s.oldestEnqueuedAt?.toISOString() ?? null,
    lagSeconds: Math.round(s.lagSeconds * 1000) / 1000,
  };
}
