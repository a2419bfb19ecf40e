// Word hashes for fast "could this token be one of our words?" tests.
//
// The attribute readers look at every token of the sentences they read,
// and most tokens are none of their words. A 64-bit FNV-1a hash of the
// ASCII-lower-cased token, tested against a small open-addressing set,
// turns those away with one multiply per byte and one or two probes,
// before any string is copied or a map is searched.
#ifndef KHALDUN_COMMON_WORD_HASH_H_
#define KHALDUN_COMMON_WORD_HASH_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace khaldun {

// FNV-1a 64 of `word` with ASCII letters lower-cased (other bytes as they
// are), computed in place.
inline std::uint64_t LowerWordHash(std::string_view word) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : word) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    h = (h ^ static_cast<unsigned char>(lower)) * 0x100000001b3ull;
  }
  return h;
}

// A set of word hashes. Build with Insert, then query; immutable once
// built (copy it into the object that owns it). A hash collision can only
// make Contains say yes for a word that is not in the set, so callers use
// it to skip work, never to decide.
class WordHashSet {
 public:
  void Insert(std::uint64_t hash) {
    if (hash == 0) hash = 1;  // 0 marks an empty slot
    if ((size_ + 1) * 4 > slots_.size()) Grow();
    Place(hash);
  }
  void Insert(std::string_view word) { Insert(LowerWordHash(word)); }

  bool Contains(std::uint64_t hash) const {
    if (slots_.empty()) return false;
    if (hash == 0) hash = 1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == hash) return true;
      if (slots_[i] == 0) return false;
    }
  }
  bool ContainsWord(std::string_view word) const { return Contains(LowerWordHash(word)); }
  bool empty() const { return size_ == 0; }

 private:
  void Place(std::uint64_t hash) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i] == hash) return;
      if (slots_[i] == 0) {
        slots_[i] = hash;
        ++size_;
        return;
      }
    }
  }
  void Grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, 0);
    size_ = 0;
    for (std::uint64_t h : old) {
      if (h != 0) Place(h);
    }
  }

  std::vector<std::uint64_t> slots_;  // a power of two; at most a quarter full
  std::size_t size_ = 0;
};

}  // namespace khaldun

#endif  // KHALDUN_COMMON_WORD_HASH_H_
