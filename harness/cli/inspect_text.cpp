// The human form of `ffifuzz inspect`, rendered from the JSON document.
#include <sstream>

#include "cli/inspect_json.h"

namespace ffifuzz::cli {
namespace {

using nlohmann::json;

std::string where(const json& decl) {
  std::string file = decl["file"].get<std::string>();
  return file.substr(file.find_last_of('/') + 1) + ":" + std::to_string(decl["line"].get<unsigned>());
}

std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("param"))
    return v["param"].get<std::string>() + " " + v["unit"].get<std::string>();
  if (v.is_array()) {
    std::string s;
    for (const json& e : v) s += (s.empty() ? "" : ", ") + value_text(e);
    return v.size() == 2 && v[0].is_number() ? value_text(v[0]) + ".." + value_text(v[1]) : s;
  }
  return v.dump();
}

void decisions(std::ostringstream& out, const json& obj, const std::string& indent) {
  for (const auto& [key, d] : obj.items())
    out << indent << key << " = " << value_text(d["value"]) << "   [" << d["source"].get<std::string>() << ": "
        << d["detail"].get<std::string>() << "]\n";
}

}  // namespace

std::string inspect_text(const json& doc) {
  std::ostringstream out;
  out << "headers:";
  for (const json& h : doc["headers"]) out << " " << h.get<std::string>();
  out << "\nlibrary: " << (doc["library"].is_null() ? "(none given)" : doc["library"].get<std::string>()) << "\n";

  out << "\nfunctions (" << doc["functions"].size() << "):\n";
  for (const json& f : doc["functions"]) {
    out << "  " << f["return"]["spelling"].get<std::string>() << " " << f["name"].get<std::string>() << "(";
    bool first = true;
    for (const json& p : f["params"]) {
      out << (first ? "" : ", ") << p["type"]["spelling"].get<std::string>();
      if (!p["name"].get<std::string>().empty()) out << " " << p["name"].get<std::string>();
      first = false;
    }
    if (f["variadic"].get<bool>()) out << (first ? "..." : ", ...");
    else if (first) out << "void";
    out << ")   " << where(f["decl"]);
    if (f["exported"].is_boolean() && !f["exported"].get<bool>()) out << "   NOT EXPORTED";
    out << "\n";
    if (!f["skip_reason"].is_null()) out << "    skipped: " << f["skip_reason"].get<std::string>() << "\n";
    const json& c = f["contract"];
    for (const auto& [name, pc] : c["params"].items()) {
      out << "    param " << name << ":\n";
      decisions(out, pc, "      ");
    }
    if (!c["returns"].empty()) {
      out << "    returns:\n";
      decisions(out, c["returns"], "      ");
    }
    json fn_level = json::object();
    if (c.contains("requires")) fn_level["requires"] = c["requires"];
    if (c.contains("skip")) fn_level["skip"] = c["skip"];
    if (c.contains("init_once")) fn_level["init_once"] = c["init_once"];
    if (c.contains("once")) fn_level["once"] = c["once"];
    if (c.contains("excludes")) fn_level["excludes"] = c["excludes"];
    if (c.contains("released_on_failure")) fn_level["released_on_failure"] = c["released_on_failure"];
    decisions(out, fn_level, "    ");
  }

  out << "\nrecords (" << doc["records"].size() << "):\n";
  for (const json& r : doc["records"]) {
    out << "  " << r["name"].get<std::string>();
    for (const json& t : r["typedefs"]) out << " (typedef " << t.get<std::string>() << ")";
    if (!r["complete"].get<bool>()) {
      out << ": opaque (declared, never defined)   " << where(r["decl"]) << "\n";
      continue;
    }
    out << ": size " << r["size"] << ", align " << r["align"] << (r["packed"].get<bool>() ? ", packed" : "") << "   "
        << where(r["decl"]) << "\n";
    for (const json& f : r["fields"]) {
      out << "    @" << f["offset"];
      if (f.contains("bit_width"))
        out << " (bit " << f["offset_bits"].get<uint64_t>() % 8 << ", " << f["bit_width"] << " bits)";
      out << "  " << f["type"]["spelling"].get<std::string>() << " " << f["name"].get<std::string>() << "\n";
    }
  }
  if (!doc["enums"].empty()) {
    out << "\nenums (" << doc["enums"].size() << "):\n";
    for (const json& e : doc["enums"]) {
      out << "  " << e["name"].get<std::string>() << ": size " << e["size"] << "\n   ";
      for (const json& v : e["enumerators"]) out << " " << v["name"].get<std::string>() << "=" << v["value"];
      out << "\n";
    }
  }
  out << "\nskipped functions (" << doc["skipped"].size() << "):\n";
  for (const json& s : doc["skipped"])
    out << "  " << s["name"].get<std::string>() << ": " << s["reason"].get<std::string>() << "\n";
  if (doc["missing_from_library"].is_array()) {
    out << "\nheader functions missing from the library's exports (" << doc["missing_from_library"].size() << "):\n";
    for (const json& n : doc["missing_from_library"]) out << "  " << n.get<std::string>() << "\n";
  }
  out << "\ncontract conflicts (" << doc["conflicts"].size() << "):\n";
  for (const json& c : doc["conflicts"])
    out << "  " << c["function"].get<std::string>() << (c["param"].is_null() ? "" : "(" + c["param"].get<std::string>() + ")")
        << ": " << c["message"].get<std::string>() << "\n";
  return out.str();
}

}  // namespace ffifuzz::cli
