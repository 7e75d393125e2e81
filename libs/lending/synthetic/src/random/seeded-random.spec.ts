import fc from 'fast-check';
import { SeededRandom, cyrb128 } from './seeded-random';

const draws = (random: SeededRandom, n: number): number[] => Array.from({ length: n }, () => random.next());

describe('SeededRandom', () => {
  it('is a function of its key: the same parts give the same sequence, other parts another', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (seed, index) => {
        expect(draws(SeededRandom.of(seed, index), 8)).toEqual(draws(SeededRandom.of(seed, index), 8));
        expect(draws(SeededRandom.of(seed, index), 8)).not.toEqual(draws(SeededRandom.of(seed, index + 1), 8));
      }),
    );
  });

  it('keeps a known sequence, so that generated months stay byte-identical across versions', () => {
    expect(cyrb128('furnish')).toEqual([3302703103, 2328167947, 1246844880, 3566762410]);
    expect(draws(SeededRandom.of('furnish', 42), 3)).toEqual([4149722968, 373388377, 2425414175]);
  });

  it('draws integers within inclusive bounds and floats in [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const random = SeededRandom.of(seed);
        for (let i = 0; i < 20; i++) {
          const value = random.int(min, min + span);
          expect(Number.isInteger(value) && value >= min && value <= min + span).toBe(true);
          const float = random.float();
          expect(float >= 0 && float < 1).toBe(true);
        }
      }),
    );
  });

  it('never picks a zero weight and reaches every positive one', () => {
    const random = SeededRandom.of('weights');
    const seen = new Set(Array.from({ length: 500 }, () => random.weighted({ a: 1, never: 0, b: 3 })));
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('makes version-4-shaped UUIDs without repeats', () => {
    const random = SeededRandom.of('uuids');
    const ids = Array.from({ length: 10_000 }, () => random.uuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 200)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('samples distinct items', () => {
    expect(new Set(SeededRandom.of('sample').sample([1, 2, 3, 4, 5], 5)).size).toBe(5);
  });
});
