// Writes the three export formats for generated trials into a directory, for
// the real validators in tests/export (FHIR schema, iCalendar parsers,
// Chromium). Not installed.
//
//   trialwise_export_driver OUTDIR
//
// Files: {open,blocks,midway}.fhir.json, {open,blocks,midway}.ics,
// open-berlin.ics, open-newyork.ics, {open,blocks,midway}.html. "midway" is
// the open trial on 2026-12-24 with a red flag that day: see a clinician.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>

#include "fixtures.hpp"
#include "trialwise/export/fhir.hpp"
#include "trialwise/export/ical.hpp"
#include "trialwise/export/report_html.hpp"

namespace {

using namespace trialwise;
using namespace trialwise::interop;

bool write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "export driver: could not write " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: trialwise_export_driver OUTDIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "export driver: cannot create " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  const auto& pack = testing::shipped();
  const FhirOptions fhir{.pack_text = pack::builtin_pack_text()};
  using namespace std::chrono;
  const CalendarOptions calendar{.now = sys_days{year{2026} / 12 / 6} + hours{19} + minutes{31} + seconds{5}};
  const ReportOptions report{.made_on = testing::day("2027-01-12")};

  const auto open = testing::open_sample();
  const auto blocks = testing::blocks_sample();
  // Halfway through: only the days logged so far, the last with a red flag.
  auto midway = testing::open_sample();
  std::erase_if(midway.record.entries, [](const auto& e) { return e.date > testing::day("2026-12-24"); });
  midway.record.entries.back().red_flags = {"new_neuro_symptoms"};
  midway.review = review::review_trial(pack, midway.record.trial, midway.record.entries, testing::day("2026-12-24"));

  bool ok = true;
  for (const auto& [name, sample] :
       {std::pair{"open", &open}, std::pair{"blocks", &blocks}, std::pair{"midway", &std::as_const(midway)}}) {
    ok =
        write(dir / (std::string(name) + ".fhir.json"), fhir_bundle_text(pack, sample->record, sample->review, fhir)) &&
        ok;
    ok = write(dir / (std::string(name) + ".html"),
               clinician_report_html(pack, sample->record, sample->review, report)) &&
         ok;
  }
  struct Calendar {
    const char* file;
    const testing::Sample* sample;
    std::optional<TimeZone> zone;
  };
  for (const auto& c : {Calendar{"open.ics", &open, std::nullopt}, Calendar{"blocks.ics", &blocks, std::nullopt},
                        Calendar{"midway.ics", &midway, std::nullopt},
                        Calendar{"open-berlin.ics", &open, eu_time_zone("Europe/Berlin", 60, "CET", "CEST")},
                        Calendar{"open-newyork.ics", &open, us_time_zone("America/New_York", -300, "EST", "EDT")}}) {
    auto options = calendar;
    options.zone = c.zone;
    auto text = icalendar(pack, c.sample->record, c.sample->review, options);
    if (!text) {
      std::cerr << "export driver: " << to_string(text.error()) << "\n";
      return 1;
    }
    ok = write(dir / c.file, *text) && ok;
  }
  if (!ok) return 1;
  std::cout << "export driver: wrote the samples to " << dir.string() << " (verdict "
            << review::to_string(open.review.verdict) << ", blocks " << review::to_string(blocks.review.verdict)
            << ", midway " << review::to_string(midway.review.verdict) << ")\n";
  return 0;
}
