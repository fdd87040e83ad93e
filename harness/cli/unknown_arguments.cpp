#include "cli/unknown_arguments.h"

#include <algorithm>

namespace ffifuzz::cli {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters ("hedaer" -> "header" is one edit) each cost one.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

// "--header", "-I", ...: every spelling of the command's options, positionals aside.
std::vector<std::string> option_spellings(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& l : o->get_lnames()) out.push_back("--" + l);
    for (const std::string& s : o->get_snames()) out.push_back("-" + s);
  }
  return out;
}

std::string unknown_option(const CLI::App& app, std::string arg) {
  arg = arg.substr(0, arg.find('='));  // --hedaer=foo.h: the option is --hedaer
  std::string line = "unknown option " + arg;
  const std::string near = closest_name(arg, option_spellings(app));
  if (!near.empty()) line += "; did you mean " + near + "?";
  return line;
}

std::string stray_positional(const CLI::App& app, const std::string& arg) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) commands.push_back(sub->get_name());
  if (!commands.empty()) {  // the top level: a command name, misspelt
    std::string line = "unknown command '" + arg + "'";
    const std::string near = closest_name(arg, commands);
    return line + (near.empty() ? "" : "; did you mean " + near + "?");
  }
  std::vector<std::string> positionals;
  for (const CLI::Option* o : app.get_options([](const CLI::Option* o) { return o->get_positional(); }))
    positionals.push_back(o->get_name());
  std::string line = "unexpected argument '" + arg + "': " + app.get_name();
  if (positionals.empty()) return line + " takes no positional arguments; name the option it is for";
  std::string names;
  for (const std::string& p : positionals) names += (names.empty() ? "" : ", ") + p;
  return line + " takes " + std::to_string(positionals.size()) + " positional argument" +
         (positionals.size() == 1 ? "" : "s") + " (" + names + ")";
}

}  // namespace

std::string closest_name(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const size_t d = edit_distance(word, c);
    if (best.empty() || d < best_distance) best = c, best_distance = d;
  }
  // A third of the word may be wrong (at least 2 edits): "--hedaer", "--max_time", "fuz"; but
  // not all of it but one character: any "-X" is one edit from every short option.
  const size_t allowed = std::max<size_t>(2, word.size() / 3);
  return !best.empty() && best_distance <= allowed && best_distance + 1 < word.size() ? best : "";
}

std::string unknown_argument_message(const CLI::App& app, const std::vector<std::string>& extras) {
  // At the top level a word comes first: the command, whose options follow it.
  if (!app.get_subcommands([](const CLI::App*) { return true; }).empty() && !is_option(extras.front()))
    return stray_positional(app, extras.front());
  for (const std::string& e : extras)
    if (is_option(e)) return unknown_option(app, e);
  return stray_positional(app, extras.front());
}

}  // namespace ffifuzz::cli
