#include <gtest/gtest.h>

#include "sha1.hpp"
#include "trialwise/export/ids.hpp"
#include "fixtures.hpp"

namespace trialwise::interop {
namespace {

std::string hex(const detail::Sha1Digest& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (auto b : d) {
    s.push_back(kHex[b >> 4]);
    s.push_back(kHex[b & 0x0F]);
  }
  return s;
}

TEST(Sha1Test, MatchesFipsExamples) {
  EXPECT_EQ(hex(detail::sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(detail::sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(detail::sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(hex(detail::sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(UuidV5Test, MatchesPythonUuid5) {
  // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))'
  EXPECT_EQ(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "https://trialwise.example/"))'
  EXPECT_EQ(trialwise_namespace(), uuid_v5(kUrlNamespace, "https://trialwise.example/"));
  EXPECT_EQ(trialwise_namespace(), "355fbd74-f0cb-5fae-8322-3b8de474a4ac");
}

TEST(ExportUuidTest, IsStableForOneTrialAndDiffersBetweenTrials) {
  auto a = testing::open_sample().record.trial;
  auto b = a;
  EXPECT_EQ(export_uuid(a, "CarePlan"), export_uuid(b, "CarePlan"));
  EXPECT_NE(export_uuid(a, "CarePlan"), export_uuid(a, "Patient"));
  EXPECT_NE(export_uuid(a, "Observation/outcome", "2026-12-07"), export_uuid(a, "Observation/outcome", "2026-12-08"));
  b.created_at = "2027-03-01T10:00:00Z";  // the same store id in another database
  EXPECT_NE(export_uuid(a, "CarePlan"), export_uuid(b, "CarePlan"));
}

}  // namespace
}  // namespace trialwise::interop
