#pragma once
// authority — identifiers and names of people and organisations, checked and normalised the
// same way wherever they enter (the record forms, imports, the API): ORCID, ROR and Vietnamese
// tax codes (mã số thuế) with their check digits, and matching keys for organisation and person
// names. Pure (no store, no clock); depends on core and text only, so it is its own library
// (ketnoi_authority) and a fuzz target (fuzz/authority_fuzz.cpp).
//
// Every error is an Invalid Status whose message ("authority.*") names the field, the value and
// why — the form it must have, or the check character expected.
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ketnoi::authority {

enum class Kind { kOrcid, kRor, kTaxCode };
// "orcid", "ror", "tax_code".
std::string_view KindName(Kind kind);
std::optional<Kind> KindFromName(std::string_view name);

// ORCID iD → "0000-0002-1825-0097". Accepts the bare form and the URL forms
// ("https://orcid.org/…", "http://orcid.org/…", "orcid.org/…"), a lower-case x as check
// character, surrounding spaces. The 16 characters must come in four groups of four separated
// by '-'; the last is the ISO 7064 MOD 11-2 check character over the first 15 digits.
Result<std::string> NormalizeOrcid(std::string_view value, std::string_view field = "orcid");
// The ISO 7064 MOD 11-2 check character ('0'…'9' or 'X') of 15 digits; '\0' if not 15 digits.
char OrcidCheckChar(std::string_view digits15);

// ROR id → "03yrm5c26" (bare, lower case). Accepts "https://ror.org/…" (also http, without
// scheme, upper case). Form: '0', six characters of Crockford base32 (digits and letters except
// i, l, o, u), two decimal check digits = ISO 7064 MOD 97-10 over the base32 value.
Result<std::string> NormalizeRor(std::string_view value, std::string_view field = "ror_id");
// The two check digits of the six base32 characters after the leading '0'; "" when they are
// not Crockford base32.
std::string RorChecksum(std::string_view six_chars);
// "03yrm5c26" → "https://ror.org/03yrm5c26" (the form ROR recommends for display and links).
std::string RorUrl(std::string_view bare);

// Vietnamese tax code → "0100107518" or, for a dependent unit (branch), "0100107518-001".
// Accepts 10 digits, 10 digits + '-' + 3 digits, and the 13 digits written without the dash;
// spaces are ignored. The 10th digit checks the first nine (see TaxCodeCheckDigit); a branch
// suffix is 001…999.
Result<std::string> NormalizeTaxCode(std::string_view value, std::string_view field = "tax_code");
// The check digit (10th) of a tax code's first nine digits; nullopt when the nine digits cannot
// carry one (no tax code is issued with them) or are not nine digits.
std::optional<int> TaxCodeCheckDigit(std::string_view digits9);

// NormalizeOrcid / NormalizeRor / NormalizeTaxCode by kind, with the kind's default field name.
Result<std::string> Normalize(Kind kind, std::string_view value);

// Matching keys: two names that mean the same organisation (or person) give the same key.
// NFC, folded (no diacritics, đ → d, lower case), punctuation and extra spaces dropped, and for
// organisations the usual words and abbreviations written one way ("Trường Đại học", "Đại học",
// "ĐH" → "dh"; "Công ty", "Cty" → "cty"; "Cổ phần", "CP"; "TNHH"; "Trung tâm", "TT"; "Học viện",
// "HV"; "Viện nghiên cứu", "Viện NC"; "Khoa học và Công nghệ", "KH&CN"; …). For people, the
// titles and degrees before (or after) the name are dropped ("PGS.TS.", "GS.", "TS.", "ThS.",
// "KS.", "BS.", "Dr.", "Prof.", ", PhD"). Not for display.
std::string OrganisationNameKey(std::string_view name);
std::string PersonNameKey(std::string_view name);

}  // namespace ketnoi::authority
