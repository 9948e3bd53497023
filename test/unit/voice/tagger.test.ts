import { describe, expect, it } from 'vitest';

import { type Aspect, defaultAspects } from '../../../src/policies/domain/aspects.js';
import { lexOf } from '../../../src/voice/domain/lexicon.js';
import { type AspectTag, compileTaxonomy, EVIDENCE_MAX, type Polarity, tagReview } from '../../../src/voice/domain/tagger.js';

const HOTEL = defaultAspects('hotel');
const tag = (text: string, rating = 3, title: string | null = null) => tagReview({ title, text, rating }, HOTEL);
const polarities = (tags: AspectTag[]): Record<string, Polarity> => Object.fromEntries(tags.map((t) => [t.key, t.polarity]));

describe('tagReview: English', () => {
  it.each([
    ['The room was spotless and the staff were lovely.', { cleanliness: 'POSITIVE', room: 'POSITIVE', staff: 'POSITIVE' }],
    ['Terrible breakfast, rude receptionist.', { breakfast_food: 'NEGATIVE', staff: 'NEGATIVE' }],
    ['Free wifi worked perfectly.', { wifi: 'POSITIVE' }],
    ['The beds were so comfortable we slept like babies.', { bed_sleep: 'POSITIVE' }],
    ['Our bathrooms had stained towels.', { bathroom: 'NEGATIVE', cleanliness: 'NEGATIVE' }],
  ])('reads "%s"', (text, expected) => {
    expect(polarities(tag(text))).toEqual(expected);
  });

  it.each([
    ['The room was not clean.', 'cleanliness'],
    ["The carpet wasn't very clean.", 'cleanliness'],
    ['There was no hot water.', 'bathroom'],
    ['The wifi did not work at all.', 'wifi'],
    ['I would not recommend this hotel.', 'overall'],
    ['Never again.', 'overall'],
    ['The staff were not helpful.', 'staff'],
  ])('reads negation in "%s" as negative, whatever the rating', (text, key) => {
    expect(polarities(tag(text, 5))[key]).toBe('NEGATIVE');
  });

  it('reads a negated complaint as praise', () => {
    expect(polarities(tag('No problems with the wifi, and the location was not bad at all.', 3))).toEqual({
      location: 'POSITIVE',
      wifi: 'POSITIVE',
    });
  });

  it('separates aspects across "but" and commas: mixed polarity in one review', () => {
    const tags = polarities(tag('Great location but the room was dirty.', 3));
    expect(tags).toMatchObject({ location: 'POSITIVE', room: 'NEGATIVE', cleanliness: 'NEGATIVE' });
    expect(polarities(tag('Friendly staff, tiny room, noisy street, lovely breakfast.', 3))).toEqual({
      breakfast_food: 'POSITIVE',
      noise: 'NEGATIVE',
      room: 'NEGATIVE',
      staff: 'POSITIVE',
    });
  });

  it('reads each sentiment word for the nearest mention, on its side of an "and"', () => {
    expect(polarities(tag('The staff were friendly and the pillows were awful.', 3))).toEqual({ staff: 'POSITIVE', bed_sleep: 'NEGATIVE' });
  });

  it('gives one tag per aspect, negative when the review says both', () => {
    const tags = tag('The room was lovely. Sadly the room smelled of smoke.', 5);
    expect(tags.filter((t) => t.key === 'room')).toHaveLength(1);
    expect(polarities(tags).room).toBe('NEGATIVE');
  });

  it('uses intensifiers and "too" before a plain word', () => {
    expect(polarities(tag('The walk to the station was too long.', 5)).location).toBe('NEGATIVE');
    expect(polarities(tag('Really very nice breakfast.', 1)).breakfast_food).toBe('POSITIVE');
  });

  it('falls back to the rating when the words around a mention carry no sentiment', () => {
    const text = 'We had breakfast in the restaurant downstairs.';
    expect(tag(text, 5)).toEqual([{ key: 'breakfast_food', polarity: 'POSITIVE', evidence: text.slice(0, -1) }]);
    expect(polarities(tag(text, 4))).toEqual({ breakfast_food: 'POSITIVE' });
    expect(polarities(tag(text, 3))).toEqual({ breakfast_food: 'NEUTRAL' });
    expect(polarities(tag(text, 2))).toEqual({ breakfast_food: 'NEGATIVE' });
    expect(polarities(tag(text, 1))).toEqual({ breakfast_food: 'NEGATIVE' });
    expect(polarities(tagReview({ title: null, text, rating: 4 }, HOTEL, 5))).toEqual({ breakfast_food: 'NEUTRAL' });
  });

  it('in a review rated positive, one mildly negative word does not outweigh the rating', () => {
    expect(tag('The room was a bit small.', 5)).toEqual([{ key: 'room', polarity: 'NEUTRAL', evidence: 'The room was a bit small' }]);
    expect(polarities(tag('The room was a bit small.', 3))).toEqual({ room: 'NEGATIVE' });
    expect(polarities(tag('The room was small but lovely.', 5))).toEqual({ room: 'POSITIVE' });
    expect(polarities(tag('The room was very small and dated.', 5))).toEqual({ room: 'NEGATIVE' });
  });

  it('reads past "or" and keeps the sign of a comparative after a modal negation', () => {
    expect(polarities(tag('No bugs or stains anywhere.', 3))).toEqual({ cleanliness: 'POSITIVE' });
    expect(polarities(tag("The staff couldn't have been friendlier.", 3))).toEqual({ staff: 'POSITIVE' });
    expect(polarities(tag("We didn't have to move the car, the location was so good.", 3))).toEqual({ location: 'POSITIVE' });
    expect(polarities(tag("We didn't have hot water.", 3))).toEqual({ bathroom: 'NEGATIVE' });
  });

  it('tags overall only for a verdict, never from the rating alone, and not where a clause names another aspect', () => {
    expect(tag('We stayed at the hotel for three nights.', 5)).toEqual([]);
    expect(polarities(tag('Great hotel, would definitely stay again!', 2))).toEqual({ overall: 'POSITIVE' });
    expect(polarities(tag('The hotel has a great location.', 5))).toEqual({ location: 'POSITIVE' });
  });

  it('reads a judging title that names no aspect as an overall verdict', () => {
    expect(polarities(tag('The shower was cold.', 2, 'Not what I expected'))).toEqual({ bathroom: 'NEGATIVE', overall: 'NEGATIVE' });
    expect(polarities(tag('Clean rooms.', 5, "I'll be back"))).toEqual({ cleanliness: 'POSITIVE', overall: 'POSITIVE', room: 'POSITIVE' });
    // a judging sentence of the text that names nothing is not a verdict by itself
    expect(polarities(tag('Terrible. The breakfast was cold.', 2, 'Breakfast'))).toEqual({ breakfast_food: 'NEGATIVE' });
  });

  it('does not tag a term that only names a moment, or a compound that names no aspect', () => {
    expect(tag('When we checked in we went straight to the pool.', 1)).toEqual([]);
    expect(polarities(tag('Check-in was slow.', 3))).toEqual({ check_in: 'NEGATIVE' });
    expect(tag('The hot tub and the conference room were closed.', 1)).toEqual([]);
    expect(polarities(tag('A no smoking room, without asking.', 3))).toEqual({ room: 'NEUTRAL' });
  });

  it('matches terms as whole words with their inflections, in title and text', () => {
    expect(polarities(tag('Lovely views and comfy beds', 5, 'Showers were awful'))).toEqual({
      bathroom: 'NEGATIVE',
      bed_sleep: 'POSITIVE',
      room: 'POSITIVE',
    });
    // "bedroom" is not "bed", "roomy" is room's own term, "staffing" inflects "staff"
    expect(tag('The bedroomfurniture', 3).map((t) => t.key)).toEqual([]);
    expect(polarities(tag('Understaffing aside, the staffing was fine.', 3))).toEqual({ staff: 'POSITIVE' });
  });

  it('prefers the longest term where terms overlap', () => {
    expect(polarities(tag('We found bed bugs.', 3))).toEqual({ cleanliness: 'NEGATIVE' });
    expect(polarities(tag('Room service was slow.', 3))).toEqual({ breakfast_food: 'NEGATIVE' });
  });

  it('gives as evidence the clause the tag was read from, trimmed, at most 120 characters', () => {
    const [tagged] = tag('  Check-in was quick ; the rest, well.', 3);
    expect(tagged).toEqual({ key: 'check_in', polarity: 'POSITIVE', evidence: 'Check-in was quick' });
    const long = `The breakfast ${'was really very '.repeat(12)}good and plentiful every single morning of our stay there`;
    const evidence = tag(long, 5).find((t) => t.key === 'breakfast_food')?.evidence ?? '';
    expect(evidence.length).toBeLessThanOrEqual(EVIDENCE_MAX);
    expect(evidence).toContain('breakfast');
  });

  it('answers nothing for an empty review and ignores text in no taxonomy', () => {
    expect(tagReview({ title: null, text: null, rating: 1 }, HOTEL)).toEqual([]);
    expect(tagReview({ title: '', text: '   ', rating: 1 }, HOTEL)).toEqual([]);
    expect(tag('Ett mycket bra hotell.', 5)).toEqual([]);
  });
});

describe('tagReview: Chinese', () => {
  it.each([
    ['房间很干净，服务很热情。', { cleanliness: 'POSITIVE', room: 'POSITIVE', staff: 'POSITIVE' }],
    ['房间不干净。', { cleanliness: 'NEGATIVE', room: 'NEGATIVE' }],
    ['没有热水。', { bathroom: 'NEGATIVE' }],
    ['前台服务态度不太好', { staff: 'NEGATIVE' }],
    ['位置很好，但是房间很脏', { location: 'POSITIVE', room: 'NEGATIVE', cleanliness: 'NEGATIVE' }],
    ['早餐不错，隔音太差了', { breakfast_food: 'POSITIVE', noise: 'NEGATIVE' }],
    ['再也不来了', { overall: 'NEGATIVE' }],
    ['床很舒服，WiFi很慢', { bed_sleep: 'POSITIVE', wifi: 'NEGATIVE' }],
  ])('reads "%s"', (text, expected) => {
    expect(polarities(tag(text, 3))).toEqual(expected);
  });

  it('falls back to the rating without sentiment words, and gives the clause as evidence', () => {
    expect(tag('我们在酒店吃了早餐', 1)).toEqual([{ key: 'breakfast_food', polarity: 'NEGATIVE', evidence: '我们在酒店吃了早餐' }]);
    expect(tag('位置很好，但是房间很脏', 3).find((t) => t.key === 'location')?.evidence).toBe('位置很好');
  });
});

describe('tagReview: taxonomies', () => {
  it('is deterministic and takes a compiled taxonomy or the list alike', () => {
    const review = { title: 'Mixed', text: 'Great location but the room was dirty. 早餐不错，前台很热情。', rating: 3 };
    const first = tagReview(review, HOTEL);
    const compiled = compileTaxonomy(HOTEL);
    for (let i = 0; i < 5; i++) {
      expect(tagReview(review, HOTEL)).toEqual(first);
      expect(tagReview(review, compiled)).toEqual(first);
      expect(tagReview(review, defaultAspects('hotel'))).toEqual(first);
    }
    expect(first.map((t) => t.key)).toEqual([...first.map((t) => t.key)].sort());
  });

  it('uses the taxonomy it is given: custom terms, other categories', () => {
    const custom: Aspect[] = [{ key: 'crew', label: 'Crew', supplierControllable: true, critical: false, terms: ['cabin crew', '空乘'] }];
    expect(tagReview({ title: null, text: 'The cabin crew were not pretty.', rating: 2 }, custom)).toEqual([
      { key: 'crew', polarity: 'NEGATIVE', evidence: 'The cabin crew were not pretty' },
    ]);
    const flight = defaultAspects('flight');
    expect(
      polarities(tagReview({ title: null, text: 'Delayed by air traffic control, but the crew were lovely.', rating: 3 }, flight)),
    ).toEqual({
      air_traffic_control: 'NEGATIVE',
      cabin_crew: 'POSITIVE',
      punctuality: 'NEGATIVE',
    });
  });
});

describe('compileTaxonomy: the word filter', () => {
  it('never hides what the lexicon or the taxonomy says of a word', () => {
    const compiled = compileTaxonomy(HOTEL);
    const words = [
      ...'the we a hotel 1999 friendlier nicest cleaner dirtier clean dirty not no never but and bed beds rooms checked staffing'.split(
        ' ',
      ),
      ...["didn't", "wasn't", "couldn't", 'dont', 'didnt', 'very', 'too', 'again', 'bugs', 'bargain', 'booking.com', 'wi', 'fi'],
    ];
    for (const word of words) {
      const lex = lexOf(word, false);
      const entry = compiled.lookup(word);
      expect({ ...entry, terms: entry.terms ?? null }, word).toEqual({ ...lex, terms: compiled.byFirstWord.get(word) ?? null });
    }
  });
});
