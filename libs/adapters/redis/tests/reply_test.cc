#include "opsreport/redis/reply.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::redis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseRespTest, DecodesAllReplyTypes) {
  static constexpr char kBytes[] =
      "+OK\r\n-ERR bad thing\r\n:-42\r\n$5\r\nhe\0lo\r\n$-1\r\n*-1\r\n"
      "*3\r\n:1\r\n*1\r\n$1\r\nx\r\n$0\r\n\r\n*0\r\n";
  auto replies = ParseResp(std::string_view(kBytes, sizeof(kBytes) - 1));
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 8u);
  const auto& r = *replies;
  EXPECT_EQ(r[0], Reply::MakeStatus("OK"));
  EXPECT_EQ(r[1], Reply::MakeError("ERR bad thing"));
  EXPECT_EQ(r[2], Reply::MakeInteger(-42));
  EXPECT_EQ(r[3], Reply::MakeString(std::string("he\0lo", 5)));  // binary safe
  EXPECT_TRUE(r[4].is_nil());
  EXPECT_TRUE(r[5].is_nil());  // a nil array is nil too
  EXPECT_EQ(r[6],
            Reply::MakeArray({Reply::MakeInteger(1), Reply::MakeArray({Reply::MakeString("x")}),
                              Reply::MakeString("")}));
  EXPECT_EQ(r[7], Reply::MakeArray({}));
}

TEST(ParseRespTest, EmptyInputIsNoReplies) {
  auto replies = ParseResp("");
  ASSERT_TRUE(replies.ok());
  EXPECT_TRUE(replies->empty());
}

TEST(ParseRespTest, RejectsProtocolErrors) {
  auto bad = ParseResp("?what\r\n");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("protocol error"));
  auto bad_len = ParseResp(":12x\r\n");
  EXPECT_EQ(bad_len.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseRespTest, RejectsTruncatedReplies) {
  for (std::string_view bytes : {"$5\r\nab", "*2\r\n:1\r\n", "+OK", ":1\r\n$3\r\n"}) {
    auto r = ParseResp(bytes);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << bytes;
    EXPECT_THAT(r.status().message(), HasSubstr("truncated")) << bytes;
  }
}

TEST(ReplyTest, TypedAccessors) {
  EXPECT_EQ(*Reply::MakeInteger(7).AsInteger(), 7);
  EXPECT_EQ(*Reply::MakeString("-12").AsInteger(), -12);
  EXPECT_EQ(Reply::MakeString("12a").AsInteger().status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Reply::MakeString("").AsInteger().status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Reply::MakeNil().AsInteger().status().code(), absl::StatusCode::kFailedPrecondition);

  EXPECT_EQ(*Reply::MakeString("v").AsString(), "v");
  EXPECT_EQ(*Reply::MakeStatus("OK").AsString(), "OK");
  EXPECT_FALSE(Reply::MakeInteger(1).AsString().ok());
  EXPECT_EQ(*Reply::MakeNil().AsOptionalString(), std::nullopt);
  EXPECT_EQ(*Reply::MakeString("v").AsOptionalString(), "v");
  EXPECT_FALSE(Reply::MakeArray({}).AsOptionalString().ok());
}

TEST(ReplyTest, ArraysAndMaps) {
  Reply flat = Reply::MakeArray({Reply::MakeString("f1"), Reply::MakeString("v1"),
                                 Reply::MakeString("f2"), Reply::MakeString("v2")});
  EXPECT_THAT(*flat.AsStringArray(), ElementsAre("f1", "v1", "f2", "v2"));
  auto map = flat.AsStringMap();
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->at("f2"), "v2");
  EXPECT_EQ(map->size(), 2u);

  Reply odd = Reply::MakeArray({Reply::MakeString("f1")});
  EXPECT_FALSE(odd.AsStringMap().ok());
  Reply with_nil = Reply::MakeArray({Reply::MakeString("a"), Reply::MakeNil()});
  auto s = with_nil.AsStringArray();
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.status().message(), HasSubstr("(nil)"));
  EXPECT_FALSE(Reply::MakeString("x").AsStringArray().ok());
}

TEST(ReplyTest, DebugString) {
  Reply r = Reply::MakeArray({Reply::MakeInteger(1), Reply::MakeString("a\"b\n"), Reply::MakeNil(),
                              Reply::MakeStatus("OK"), Reply::MakeError("ERR x")});
  EXPECT_EQ(r.DebugString(), "[(integer) 1, \"a\\\"b\\n\", (nil), OK, (error) ERR x]");
  EXPECT_EQ(TypeName(Reply::Type::kArray), "array");
}

TEST(ErrorMappingTest, CodesByRedisPrefix) {
  struct Case {
    const char* error;
    absl::StatusCode code;
  } cases[] = {
      {"ERR unknown command", absl::StatusCode::kInternal},
      {"WRONGTYPE Operation against a key", absl::StatusCode::kFailedPrecondition},
      {"NOSCRIPT No matching script", absl::StatusCode::kFailedPrecondition},
      {"CONFLICT hop already applied", absl::StatusCode::kFailedPrecondition},
      {"LOADING Redis is loading the dataset", absl::StatusCode::kUnavailable},
      {"BUSY Redis is busy running a script", absl::StatusCode::kUnavailable},
      {"NOAUTH Authentication required.", absl::StatusCode::kPermissionDenied},
      {"WRONGPASS invalid username-password pair", absl::StatusCode::kPermissionDenied},
      {"ERR", absl::StatusCode::kInternal},
  };
  for (const auto& c : cases) {
    absl::Status s = StatusFromRedisError(c.error, "redis GET");
    EXPECT_EQ(s.code(), c.code) << c.error;
    EXPECT_EQ(s.message(), std::string("redis GET: ") + c.error);
    EXPECT_EQ(RedisErrorText(s), c.error);
  }
  absl::Status bare = StatusFromRedisError("CONFLICT x");
  EXPECT_EQ(bare.message(), "CONFLICT x");
  EXPECT_EQ(RedisErrorCode(bare), "CONFLICT");
  EXPECT_EQ(RedisErrorCode(absl::InternalError("not from redis")), "");
  EXPECT_EQ(RedisErrorText(absl::InternalError("x")), std::nullopt);
  EXPECT_TRUE(Reply::MakeInteger(1).ToStatus().ok());
  EXPECT_EQ(Reply::MakeError("WRONGTYPE x").ToStatus().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace opsreport::redis
