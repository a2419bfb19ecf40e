#include "ingest/byte_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/readers_testing.h"

namespace khaldun {
namespace {

using testing::Gzip;

// Hands out at most `step` bytes per Read, as pipes and sockets do, and
// optionally fails after `fail_after` bytes.
class TrickleSource : public ByteSource {
 public:
  TrickleSource(std::string data, size_t step,
                size_t fail_after = std::string::npos)
      : data_(std::move(data)), step_(step), fail_after_(fail_after) {}
  Result<size_t> Read(char* buffer, size_t n) override {
    if (pos_ >= fail_after_) return Status::IOError("input/output error");
    size_t take = std::min({n, step_, data_.size() - pos_, fail_after_ - pos_});
    std::copy_n(data_.data() + pos_, take, buffer);
    pos_ += take;
    return take;
  }

 private:
  std::string data_;
  size_t step_;
  size_t fail_after_;
  size_t pos_ = 0;
};

// Everything a source yields, or its error.
Result<std::string> Drain(ByteSource& source) {
  std::string out;
  char buffer[7000];
  while (true) {
    Result<size_t> got = source.Read(buffer, sizeof(buffer));
    if (!got.ok()) return got.status();
    if (*got == 0) return out;
    out.append(buffer, *got);
  }
}

std::string Text(size_t n) {
  std::string out;
  while (out.size() < n)
    out += "Shelling hit Kharkiv overnight, officials said. ";
  out.resize(n);
  return out;
}

TEST(FileSourceTest, ReadsARegularFile) {
  std::string path = ::testing::TempDir() + "/byte_source_test_file.txt";
  std::string content = Text(200000);
  std::ofstream(path, std::ios::binary) << content;
  auto source = OpenFileSource(path);
  ASSERT_TRUE(source.ok()) << source.status().message();
  auto data = Drain(**source);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, content);
  std::remove(path.c_str());
}

TEST(FileSourceTest, ErrorsCarryTheOsReason) {
  auto missing = OpenFileSource("/nonexistent/khaldun/file.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "no such file or directory");

  auto directory = OpenFileSource(::testing::TempDir());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kIOError);
  EXPECT_EQ(directory.status().message(), "is a directory");
}

TEST(FileSourceTest, PermissionDenied) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads any file";
  std::string path = ::testing::TempDir() + "/byte_source_test_unreadable.txt";
  std::ofstream(path) << "secret";
  std::filesystem::permissions(path, std::filesystem::perms::none);
  auto source = OpenFileSource(path);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kIOError);
  EXPECT_EQ(source.status().message(), "permission denied");
  std::remove(path.c_str());
}

TEST(MemorySourceTest, ReadsInPiecesThenEnds) {
  std::string data = "0123456789";
  auto source = MemorySource(data);
  char buffer[4];
  EXPECT_EQ(*source->Read(buffer, 4), 4u);
  EXPECT_EQ(*source->Read(buffer, 4), 4u);
  EXPECT_EQ(*source->Read(buffer, 4), 2u);
  EXPECT_EQ(*source->Read(buffer, 4), 0u);
  EXPECT_EQ(*source->Read(buffer, 4), 0u);
}

struct GunzipCase {
  const char* name;
  std::string input;
  size_t max_ratio;
  std::string expected;  // when expected_code is kOk
  StatusCode expected_code;
  const char* message_prefix;  // of the error
};

std::vector<GunzipCase> GunzipCases() {
  std::string article = Text(50000);
  std::string gz = Gzip(article);
  std::string truncated = gz.substr(0, gz.size() - 10);
  std::string bad_method = gz;
  bad_method[2] = 9;  // compression method 9 does not exist
  std::string bad_crc = gz;
  bad_crc[gz.size() - 6] ^= 0x55;  // inside the CRC-32 trailer
  std::string zeros(8 << 20, '\0');
  return {
      {"Empty", "", 1000, "", StatusCode::kOk, ""},
      {"OneByte", "x", 1000, "x", StatusCode::kOk, ""},
      {"OneMagicByteOnly", "\x1f", 1000, "\x1f", StatusCode::kOk, ""},
      {"PlainTextPassesThrough", article, 1000, article, StatusCode::kOk, ""},
      {"SingleMember", gz, 1000, article, StatusCode::kOk, ""},
      {"MultiMember",
       Gzip("first record\n") + Gzip("") + Gzip("second record\n"), 1000,
       "first record\nsecond record\n", StatusCode::kOk, ""},
      {"ZeroPaddingAfterMember", gz + std::string(512, '\0'), 1000, article,
       StatusCode::kOk, ""},
      {"TruncatedTrailer", truncated, 1000, "", StatusCode::kCorruption,
       "truncated gzip stream"},
      {"TruncatedHeader", gz.substr(0, 5), 1000, "", StatusCode::kCorruption,
       "truncated gzip stream"},
      {"TruncatedSecondMember", gz + Gzip(article).substr(0, 40), 1000, "",
       StatusCode::kCorruption, "truncated gzip stream"},
      {"UnknownMethod", bad_method, 1000, "", StatusCode::kCorruption,
       "corrupt gzip data: unknown compression method"},
      {"BadCrc", bad_crc, 1000, "", StatusCode::kCorruption,
       "corrupt gzip data: incorrect data check"},
      {"GarbageAfterMember", gz + "trailing text", 1000, "",
       StatusCode::kCorruption, "corrupt gzip data: "},
      {"BombOverRatio", Gzip(zeros, 9), 100, "", StatusCode::kTooLarge,
       "gzip data expands more than 100 times"},
      {"ZerosUnderGenerousRatio", Gzip(zeros, 9), 100000, zeros,
       StatusCode::kOk, ""},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const GunzipCase& c, std::ostream* os) { *os << c.name; }

class GunzipTest : public ::testing::TestWithParam<GunzipCase> {};

TEST_P(GunzipTest, DecodesOrReports) {
  const GunzipCase& c = GetParam();
  // One byte at a time exercises the magic-byte peek across short reads;
  // whole reads exercise the fast path. Both must agree.
  for (size_t step : {size_t{1} << 20, size_t{1}}) {
    if (step == 1 && c.input.size() > 100000) continue;
    SCOPED_TRACE("step " + std::to_string(step));
    auto source = MaybeGunzip(std::make_unique<TrickleSource>(c.input, step),
                              c.max_ratio);
    Result<std::string> out = Drain(*source);
    if (c.expected_code == StatusCode::kOk) {
      ASSERT_TRUE(out.ok()) << out.status().message();
      EXPECT_EQ(*out, c.expected);
    } else {
      ASSERT_FALSE(out.ok());
      EXPECT_EQ(out.status().code(), c.expected_code) << out.status().message();
      EXPECT_EQ(out.status().message().rfind(c.message_prefix, 0), 0u)
          << out.status().message();
      // Errors are sticky: a second Read says the same.
      char byte;
      Result<size_t> again = source->Read(&byte, 1);
      ASSERT_FALSE(again.ok());
      EXPECT_EQ(again.status().message(), out.status().message());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, GunzipTest, ::testing::ValuesIn(GunzipCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(MaybeGunzipTest, InnerErrorBeforeTheMagicBytes) {
  auto source = MaybeGunzip(std::make_unique<TrickleSource>("abc", 1, 1), 1000);
  Result<std::string> out = Drain(*source);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kIOError);
}

// One ReadLine outcome: a line, an overlong line, or the end.
struct LineStep {
  enum Kind { kLine, kTooLarge, kEnd } kind;
  std::string line;
};

struct ReadLineCase {
  const char* name;
  std::string input;
  size_t max_bytes;
  std::vector<LineStep> expected;
};

std::vector<ReadLineCase> ReadLineCases() {
  using S = LineStep;
  std::string big(300000, 'x');  // several 64 KiB chunks
  return {
      {"Empty", "", 100, {{S::kEnd, ""}}},
      {"OneByte", "a", 100, {{S::kLine, "a"}, {S::kEnd, ""}}},
      {"OnlyNewline", "\n", 100, {{S::kLine, ""}, {S::kEnd, ""}}},
      {"NoFinalNewline",
       "a\nb",
       100,
       {{S::kLine, "a"}, {S::kLine, "b"}, {S::kEnd, ""}}},
      {"CrlfKeepsCr",
       "a\r\nb\r\n",
       100,
       {{S::kLine, "a\r"}, {S::kLine, "b\r"}, {S::kEnd, ""}}},
      {"BlankLines",
       "\n\nz\n",
       100,
       {{S::kLine, ""}, {S::kLine, ""}, {S::kLine, "z"}, {S::kEnd, ""}}},
      {"ExactlyMax", "abcd\n", 4, {{S::kLine, "abcd"}, {S::kEnd, ""}}},
      {"OverlongInTheMiddle",
       "abc\nabcdefgh\nde\n",
       4,
       {{S::kLine, "abc"},
        {S::kTooLarge, ""},
        {S::kLine, "de"},
        {S::kEnd, ""}}},
      {"OverlongAtEndWithoutNewline",
       "ab\nabcdefgh",
       4,
       {{S::kLine, "ab"}, {S::kTooLarge, ""}, {S::kEnd, ""}}},
      {"LongLineAcrossChunks",
       big + "\nshort\n",
       400000,
       {{S::kLine, big}, {S::kLine, "short"}, {S::kEnd, ""}}},
      {"OverlongAcrossChunksIsNotHeld",
       big + "\nshort\n",
       1000,
       {{S::kTooLarge, ""}, {S::kLine, "short"}, {S::kEnd, ""}}},
      {"NulBytesInLine",
       std::string("a\0b\n", 4),
       100,
       {{S::kLine, std::string("a\0b", 3)}, {S::kEnd, ""}}},
  };
}

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const ReadLineCase& c, std::ostream* os) { *os << c.name; }

class ReadLineTest : public ::testing::TestWithParam<ReadLineCase> {};

TEST_P(ReadLineTest, SplitsLines) {
  const ReadLineCase& c = GetParam();
  for (size_t step : {size_t{1} << 20, size_t{3}}) {
    SCOPED_TRACE("step " + std::to_string(step));
    TrickleSource source(c.input, step);
    BufferedReader reader(&source);
    std::string line;
    for (const LineStep& expected : c.expected) {
      Result<bool> got = reader.ReadLine(&line, c.max_bytes);
      switch (expected.kind) {
        case LineStep::kLine:
          ASSERT_TRUE(got.ok()) << got.status().message();
          ASSERT_TRUE(*got);
          EXPECT_EQ(line, expected.line);
          break;
        case LineStep::kTooLarge:
          ASSERT_FALSE(got.ok());
          EXPECT_EQ(got.status().code(), StatusCode::kTooLarge);
          EXPECT_FALSE(reader.source_failed());
          break;
        case LineStep::kEnd:
          ASSERT_TRUE(got.ok()) << got.status().message();
          EXPECT_FALSE(*got);
          break;
      }
    }
    EXPECT_EQ(reader.consumed(), c.input.size());
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ReadLineTest,
                         ::testing::ValuesIn(ReadLineCases()),
                         [](const auto& param_info) {
                           return param_info.param.name;
                         });

TEST(BufferedReaderTest, PeekDoesNotConsume) {
  TrickleSource source("WARC/1.1\r\nrest", 2);
  BufferedReader reader(&source);
  EXPECT_EQ(*reader.Peek(4), "WARC");
  EXPECT_EQ(*reader.Peek(100), "WARC/1.1\r\nrest");  // fewer at end of stream
  EXPECT_EQ(reader.consumed(), 0u);
  std::string line;
  ASSERT_TRUE(*reader.ReadLine(&line, 100));
  EXPECT_EQ(line, "WARC/1.1\r");
  EXPECT_EQ(*reader.Peek(2), "re");
  EXPECT_EQ(reader.consumed(), 10u);
}

TEST(BufferedReaderTest, ReadBytesAndSkip) {
  std::string data = Text(200000);
  TrickleSource source(data, 5000);
  BufferedReader reader(&source);
  ASSERT_TRUE(reader.Peek(10).ok());
  std::string out;
  EXPECT_EQ(*reader.ReadBytes(100000, &out), 100000u);
  EXPECT_EQ(out, data.substr(0, 100000));
  EXPECT_EQ(*reader.Skip(50000), 50000u);
  EXPECT_EQ(*reader.ReadBytes(10, &out), 10u);
  EXPECT_EQ(out, data.substr(150000, 10));
  // Fewer only at the end of the stream.
  EXPECT_EQ(*reader.ReadBytes(100000, &out), 49990u);
  EXPECT_EQ(*reader.Skip(10), 0u);
  EXPECT_EQ(reader.consumed(), data.size());
}

TEST(BufferedReaderTest, ReadAllIsBounded) {
  std::string data = Text(1000);
  {
    TrickleSource source(data, 64);
    BufferedReader reader(&source);
    auto all = reader.ReadAll(1000);  // exactly the bound: fine
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(*all, data);
  }
  {
    TrickleSource source(data, 64);
    BufferedReader reader(&source);
    auto all = reader.ReadAll(999);
    ASSERT_FALSE(all.ok());
    EXPECT_EQ(all.status().code(), StatusCode::kTooLarge);
    EXPECT_FALSE(reader.source_failed());
  }
  {
    TrickleSource source("", 64);
    BufferedReader reader(&source);
    EXPECT_EQ(*reader.ReadAll(10), "");
  }
}

TEST(BufferedReaderTest, SourceErrorsAreStickyAndDistinguished) {
  TrickleSource source("line one\nline two\n", 4, 12);
  BufferedReader reader(&source);
  std::string line;
  ASSERT_TRUE(*reader.ReadLine(&line, 100));
  Result<bool> got = reader.ReadLine(&line, 100);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kIOError);
  EXPECT_TRUE(reader.source_failed());
  EXPECT_FALSE(reader.Peek(1).ok());
}

TEST(BufferedReaderTest, GzipBombThroughReadLineIsASourceError) {
  std::string bomb = Gzip(std::string(4 << 20, '\n'), 9);
  auto source = MaybeGunzip(MemorySource(bomb), 10);
  BufferedReader reader(source.get());
  std::string line;
  Status last;
  for (int i = 0; i < (4 << 20) && last.ok(); ++i) {
    Result<bool> got = reader.ReadLine(&line, 100);
    if (!got.ok()) last = got.status();
    if (got.ok() && !*got) break;
  }
  EXPECT_EQ(last.code(), StatusCode::kTooLarge);
  EXPECT_TRUE(reader.source_failed());
}

}  // namespace
}  // namespace khaldun
