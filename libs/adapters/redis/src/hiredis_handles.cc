#include "hiredis_handles.h"

#include "absl/strings/str_cat.h"

namespace opsreport::redis {
namespace internal {

Reply ReplyFromHiredis(const redisReply& r) {
  switch (r.type) {
    case REDIS_REPLY_INTEGER:
      return Reply::MakeInteger(r.integer);
    case REDIS_REPLY_STRING:
      return Reply::MakeString(std::string(r.str, r.len));
    case REDIS_REPLY_STATUS:
      return Reply::MakeStatus(std::string(r.str, r.len));
    case REDIS_REPLY_ERROR:
      return Reply::MakeError(std::string(r.str, r.len));
    case REDIS_REPLY_ARRAY: {
      std::vector<Reply> elements;
      elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i) elements.push_back(ReplyFromHiredis(*r.element[i]));
      return Reply::MakeArray(std::move(elements));
    }
    default:  // REDIS_REPLY_NIL
      return Reply::MakeNil();
  }
}

}  // namespace internal

absl::StatusOr<std::vector<Reply>> ParseResp(std::string_view bytes) {
  internal::ReaderPtr reader(redisReaderCreate());
  if (!reader) return absl::ResourceExhaustedError("ParseResp: cannot allocate a reader");
  if (redisReaderFeed(reader.get(), bytes.data(), bytes.size()) != REDIS_OK) {
    return absl::InvalidArgumentError(absl::StrCat("ParseResp: ", reader->errstr));
  }
  std::vector<Reply> out;
  while (true) {
    void* raw = nullptr;
    if (redisReaderGetReply(reader.get(), &raw) != REDIS_OK) {
      return absl::InvalidArgumentError(absl::StrCat("ParseResp: protocol error after ", out.size(),
                                                     " reply(ies): ", reader->errstr));
    }
    if (raw == nullptr) break;
    internal::ReplyPtr reply(static_cast<redisReply*>(raw));
    out.push_back(internal::ReplyFromHiredis(*reply));
  }
  // An unfinished reply leaves unread bytes or a half-built array behind.
  if (reader->pos < reader->len || reader->reply != nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("ParseResp: truncated reply after ", out.size(), " complete reply(ies)"));
  }
  return out;
}

}  // namespace opsreport::redis
