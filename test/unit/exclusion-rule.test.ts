import { describe, expect, it } from 'vitest';

import type { Aspect } from '../../src/policies/domain/aspects.js';
import type { AspectTag } from '../../src/voice/domain/tagger.js';
import { exclusionCandidate, ruleReason } from '../../src/voice/rules/exclusion-rule.js';

const aspect = (key: string, supplierControllable: boolean): Aspect => ({
  key,
  label: key,
  supplierControllable,
  critical: false,
  terms: [key],
});
const TAXONOMY = [aspect('staff', true), aspect('room', true), aspect('weather', false), aspect('platform_booking', false)];
const tag = (key: string, polarity: AspectTag['polarity']): AspectTag => ({ key, polarity, evidence: key });

describe('exclusion by rule: which reviews are candidates', () => {
  it('a review below the positive bar whose negative tags are all of non-controllable aspects is one, naming them sorted', () => {
    expect(exclusionCandidate({ rating: 1 }, [tag('weather', 'NEGATIVE')], TAXONOMY, 4)).toEqual(['weather']);
    expect(exclusionCandidate({ rating: 3 }, [tag('weather', 'NEGATIVE'), tag('platform_booking', 'NEGATIVE')], TAXONOMY, 4)).toEqual([
      'platform_booking',
      'weather',
    ]);
  });

  it('positive and neutral tags of controllable aspects do not stop it: only the negative mentions are read', () => {
    expect(
      exclusionCandidate({ rating: 2 }, [tag('staff', 'POSITIVE'), tag('room', 'NEUTRAL'), tag('weather', 'NEGATIVE')], TAXONOMY, 4),
    ).toEqual(['weather']);
  });

  it('a negative tag of a controllable aspect makes it no candidate, even beside non-controllable ones', () => {
    expect(exclusionCandidate({ rating: 1 }, [tag('staff', 'NEGATIVE'), tag('weather', 'NEGATIVE')], TAXONOMY, 4)).toBeNull();
    expect(exclusionCandidate({ rating: 1 }, [tag('room', 'NEGATIVE')], TAXONOMY, 4)).toBeNull();
  });

  it('without a negative tag there is nothing to read: no candidate', () => {
    expect(exclusionCandidate({ rating: 1 }, [], TAXONOMY, 4)).toBeNull();
    expect(exclusionCandidate({ rating: 1 }, [tag('weather', 'NEUTRAL'), tag('weather', 'POSITIVE')], TAXONOMY, 4)).toBeNull();
  });

  it('a review at or above the positive bar is no candidate, whatever its tags; the bar is the policy’s', () => {
    expect(exclusionCandidate({ rating: 4 }, [tag('weather', 'NEGATIVE')], TAXONOMY, 4)).toBeNull();
    expect(exclusionCandidate({ rating: 4 }, [tag('weather', 'NEGATIVE')], TAXONOMY, 5)).toEqual(['weather']);
    expect(exclusionCandidate({ rating: 5 }, [tag('weather', 'NEGATIVE')], TAXONOMY, 5)).toBeNull();
  });

  it('a tag of an aspect the taxonomy no longer has counts as controllable', () => {
    expect(exclusionCandidate({ rating: 1 }, [tag('weather', 'NEGATIVE'), tag('spa', 'NEGATIVE')], TAXONOMY, 4)).toBeNull();
    expect(exclusionCandidate({ rating: 1 }, [tag('weather', 'NEGATIVE')], [aspect('weather', true)], 4)).toBeNull();
  });

  it('the default reason names the rule and the aspects', () => {
    expect(ruleReason(['platform_booking', 'weather'])).toMatch(/NON_CONTROLLABLE_ASPECTS.*platform_booking, weather/);
  });
});
