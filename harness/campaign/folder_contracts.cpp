#include "campaign/folder_contracts.h"

#include <algorithm>

#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

bool is_file(const std::string& path) {
  std::error_code ec;
  return !path.empty() && fs::is_regular_file(path, ec);
}

// Copies `source` into the folder as `name`; returns the name recorded in finding.json, or ""
// when there was nothing to copy.
std::string copy_into(const std::string& source, const fs::path& folder, const char* name) {
  if (!is_file(source)) return "";
  report::write_file_atomically((folder / name).string(), report::read_whole_file(source));
  return name;
}

// The line that says the user's `kind` file at `user_path` is not the folder's copy any more
// (edited or deleted); "" when it is the same, or the run had none.
std::string changed_note(const std::string& shown_folder, const char* kind, const std::string& option,
                         const std::string& user_path, const fs::path& copy) {
  if (user_path.empty() || !is_file(copy.string())) return "";
  const std::string copy_name = copy.filename().string();
  if (!is_file(user_path))
    return shown_folder + ": " + kind + " " + user_path + " is gone since the finding: replaying with the folder's copy (" +
           copy_name + ")";
  if (report::read_whole_file(user_path) == report::read_whole_file(copy.string())) return "";
  return shown_folder + ": " + kind + " changed since the finding: " + user_path +
         " differs from the folder's copy; replaying with the copy (" + copy_name + "); pass " + option + " " +
         user_path + " to replay under the current one";
}

}  // namespace

void copy_contract_files(const TargetOptions& o, const fs::path& folder, report::FindingTarget& recorded) {
  // The headers: a struct's fields or a function's parameters edited later would make the
  // input another program. Each is copied under its own file name (a second header of the
  // same name gets its index in front).
  recorded.header_copies.clear();
  for (size_t i = 0; i < o.headers.size(); ++i) {
    const std::string name = fs::path(o.headers[i]).filename().string();
    std::string copy = std::string(report::kHeaderCopyFolder) + "/" + name;
    for (const std::string& earlier : recorded.header_copies)
      if (earlier == copy) copy = std::string(report::kHeaderCopyFolder) + "/" + std::to_string(i) + "-" + name;
    if (!is_file(o.headers[i])) {
      recorded.header_copies.clear();  // all or none: a partial set would mix two versions
      break;
    }
    fs::create_directories(folder / report::kHeaderCopyFolder);
    report::write_file_atomically((folder / copy).string(), report::read_whole_file(o.headers[i]));
    recorded.header_copies.push_back(copy);
  }
  recorded.contract_copy = copy_into(o.contract, folder, report::kContractCopyFile);
  recorded.config_copy = copy_into(o.config, folder, report::kConfigCopyFile);
  // The learned rules have no user's file to compare with: the run's snapshot is the rule set.
  recorded.learned = copy_into(o.learned, folder, report::kLearnedCopyFile);
}

FolderTargetOptions folder_target_options(const report::FindingTarget& t, const fs::path& shown_folder,
                                          const std::string& given_contract) {
  // Workers run in another folder: every path they get is absolute.
  const fs::path folder = fs::absolute(shown_folder);
  const std::string shown = shown_folder.string();
  FolderTargetOptions out;
  TargetOptions& o = out.options;
  o.lib = t.lib;
  o.headers = t.headers;
  o.contract = t.contract;
  o.config = t.config;
  o.lang = t.lang.empty() ? "c" : t.lang;
  o.include_dirs = t.include_dirs;
  o.defines = t.defines;
  o.pre_includes = t.pre_includes;
  o.target = t.target;
  // The headers as they were: the copies, with each original header's folder searched after
  // the copy's own, so that what a header includes beside it is still found.
  bool copies = !t.header_copies.empty() && t.header_copies.size() == t.headers.size();
  for (const std::string& copy : t.header_copies) copies = copies && is_file((folder / copy).string());
  if (copies) {
    for (size_t i = 0; i < t.headers.size(); ++i) {
      const fs::path copy = folder / t.header_copies[i];
      if (std::string note = changed_note(shown, "header", "--lib " + t.lib + " --header", t.headers[i], copy); !note.empty())
        out.notes.push_back(note);
      o.headers[i] = copy.string();
      const std::string dir = fs::path(t.headers[i]).parent_path().string();
      if (std::find(o.include_dirs.begin(), o.include_dirs.end(), dir) == o.include_dirs.end()) o.include_dirs.push_back(dir);
    }
  }
  // "learned.toml" is the folder's; an older folder recorded an absolute path (which `/` keeps).
  if (!t.learned.empty()) o.learned = (folder / t.learned).string();
  // A copy someone removed from the folder: the recorded path, as folders before the copies.
  if (!t.config_copy.empty() && is_file((folder / t.config_copy).string())) {
    const fs::path copy = folder / t.config_copy;
    if (std::string note = changed_note(shown, "config", "--config", t.config, copy); !note.empty())
      out.notes.push_back(note);
    o.config = copy.string();
    // Its [target] (lib, headers, include dirs, relative to the config's own folder) is
    // recorded in finding.json already; the copy gives its inline contracts.
    o.config_target_applied = true;
  }
  if (!given_contract.empty()) {
    o.contract = absolute_path(given_contract);
    const std::string found_with = !t.contract_copy.empty() ? "the folder's copy, " + t.contract_copy
                             : !t.contract.empty()    ? t.contract
                                                      : "no contract file";
    out.notes.push_back(shown + ": replaying under --contract " + given_contract +
                        ", not the contract the finding was found with (" + found_with + ")");
  } else if (!t.contract_copy.empty() && is_file((folder / t.contract_copy).string())) {
    const fs::path copy = folder / t.contract_copy;
    if (std::string note = changed_note(shown, "contract", "--contract", t.contract, copy); !note.empty())
      out.notes.push_back(note);
    o.contract = copy.string();
  }
  return out;
}

}  // namespace ffifuzz::campaign
