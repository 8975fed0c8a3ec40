#pragma once
// RAII owners for hiredis objects and the conversion of its replies.

#include <hiredis/hiredis.h>

#include <memory>

#include "opsreport/redis/reply.h"

namespace opsreport::redis::internal {

struct ContextDeleter {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
struct ReaderDeleter {
  void operator()(redisReader* r) const { redisReaderFree(r); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;
using ReaderPtr = std::unique_ptr<redisReader, ReaderDeleter>;

Reply ReplyFromHiredis(const redisReply& r);

}  // namespace opsreport::redis::internal
