import { types } from 'avsc';

interface SkipTap {
  pos: number;
  readLong(): number;
  skipString(): void;
  _invalidate(): void;
}
interface Skippable {
  _skip(tap: SkipTap): void;
}

/**
 * avsc 5.7.9 skips an array or map block written with a negative item count by jumping the block's
 * declared byte size without checking it. A negative size moves the read position backwards, so a
 * malformed message read through a projection (which skips the fields it leaves out) loops forever
 * and stalls the partition. These skippers reject a negative size the way avsc's own string and
 * bytes skippers reject a negative length: the read fails as a truncated buffer and the message is
 * dead-lettered. Installed once, when the contracts library is loaded.
 */
function installSkipGuard(): void {
  const arrayPrototype = (types.ArrayType as unknown as { prototype: Skippable & { itemsType: Skippable } }).prototype;
  const mapPrototype = (types.MapType as unknown as { prototype: Skippable & { valuesType: Skippable } }).prototype;
  arrayPrototype._skip = function skipArray(this: { itemsType: Skippable }, tap: SkipTap): void {
    skipBlocks(tap, () => this.itemsType._skip(tap));
  };
  mapPrototype._skip = function skipMap(this: { valuesType: Skippable }, tap: SkipTap): void {
    skipBlocks(tap, () => {
      tap.skipString();
      this.valuesType._skip(tap);
    });
  };
}

function skipBlocks(tap: SkipTap, skipItem: () => void): void {
  for (let count = tap.readLong(); count; count = tap.readLong()) {
    if (count < 0) {
      const size = tap.readLong();
      if (!(size >= 0)) return tap._invalidate();
      tap.pos += size;
    } else {
      while (count--) skipItem();
    }
  }
}

installSkipGuard();
