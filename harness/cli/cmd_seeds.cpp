// `ffifuzz seeds`: writes a starting corpus for a library in text form — a program per
// function with typical values and a constructor-use-release chain per handle constructor —
// for people to read, edit and keep (corpus/<target>/ in this repository).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "campaign/session.h"
#include "campaign/seed_programs.h"
#include "campaign/load_probe.h"
#include "cli/subcommand.h"
#include "model/error.h"
#include "program/text_form.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

struct SeedsOptions {
  TargetOptions target;
  std::string out;
};

int run_seeds(const SeedsOptions& o) {
  probe_target_library(o.target);  // a constructor that crashes or hangs: one line, not this process
  std::unique_ptr<FuzzSession> s = FuzzSession::open(o.target, {});
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) throw InputError(o.out + ": cannot create the folder: " + ec.message());
  size_t written = 0;
  for (const auto& [name, p] : seed_programs(s->plan, s->target.api)) {
    fs::path path = fs::path(o.out) / (name + ".txt");
    fs::path tmp = path;
    tmp += ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary);
      f << program::to_text(s->plan, s->target.api, p);
      if (!f) throw InputError(tmp.string() + ": cannot write");
    }
    fs::rename(tmp, path);
    ++written;
  }
  std::printf("ffifuzz seeds: wrote %zu programs to %s\n", written, o.out.c_str());
  return kExitClean;
}

}  // namespace

Subcommand add_seeds_command(CLI::App& root) {
  auto o = std::make_shared<SeedsOptions>();
  Subcommand c;
  c.app = root.add_subcommand("seeds", "Write a starting corpus (text-form programs) for a library");
  add_target_options(c.app, o->target, true);
  c.app->add_option("-o,--out", o->out, "Folder to write the programs to")->required();
  c.run = [o] { return run_seeds(*o); };
  return c;
}

}  // namespace ffifuzz::cli
