# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Normalized keys that identify a prospect however it was written.

Pure functions (no Odoo environment): tax ids are compacted with
python-stdnum, web addresses reduced to their domain and company names to
their distinctive words, so that "ACME Sistemas, S.A." and "Acme sistemas SA",
or "ES B-12345674" and "esb12345674", give the same key.
"""

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from stdnum.util import get_cc_module

# Legal forms removed from the end of company names, as word sequences after
# normalization (dots dropped, so "S.A." is "sa" and "S. A." is "s a").
LEGAL_FORMS = {
    tuple(form.split())
    for form in (
        # Spanish-speaking countries
        "sa",
        "sl",
        "slu",
        "sau",
        "sll",
        "srl",
        "sas",
        "sac",
        "saa",
        "sc",
        "scp",
        "sca",
        "scs",
        "spa",
        "sa de cv",
        "de cv",
        "s de rl",
        "s de rl de cv",
        "sociedad anonima",
        "sociedad limitada",
        "sociedad de responsabilidad limitada",
        "y cia",
        "cia",
        "ltda",
        "limitada",
        "eirl",
        # Portuguese-speaking countries
        "lda",
        "unipessoal",
        "unipessoal lda",
        "me",
        "epp",
        "eireli",
        "sgps",
        # English and others
        "inc",
        "incorporated",
        "llc",
        "llp",
        "ltd",
        "limited",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "bv",
        "nv",
        "sarl",
        "srl",
    )
}
_LONGEST_FORM = max(len(form) for form in LEGAL_FORMS)
# A host name: dot-separated labels of letters, digits and inner dashes.
_DOMAIN_PATTERN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$")
# Greece uses EL in VAT numbers although its country code is GR.
_VAT_PREFIX_COUNTRY = {"EL": "gr"}


@functools.cache
def _vat_module(country_code):
    code = _VAT_PREFIX_COUNTRY.get(country_code.upper(), country_code.lower())
    try:
        return get_cc_module(code, "vat")
    except (ImportError, ValueError):
        return None


def vat_key(vat, country_code=None):
    """Return the compact national tax number, without country prefix.

    The country comes from a prefix of the number itself (``ES``, ``AR``...)
    or from ``country_code``; python-stdnum compacts the number the way that
    country writes it. Unknown formats keep their letters and digits.
    """
    raw = re.sub(r"[^0-9A-Za-z]", "", vat or "").upper()
    module = None
    if len(raw) > 2 and raw[:2].isalpha():
        module = _vat_module(raw[:2])
        if module:
            raw = raw[2:]
    if module is None and country_code:
        module = _vat_module(country_code)
    if module:
        compacted = module.compact(raw)
        raw = re.sub(r"[^0-9A-Za-z]", "", compacted).upper()
    return raw or None


def url_domain(url):
    """Return the lower-case host of a web address, without ``www.``."""
    url = (url or "").strip().lower()
    if not url:
        return None
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.strip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if "." in host else None


def email_domain(email):
    """Return the lower-case domain of an e-mail address."""
    _local, at, domain = (email or "").strip().lower().rpartition("@")
    domain = domain.strip(" >.")
    return domain if at and "." in domain else None


def mail_domain(text):
    """Return the lower-case domain of a mail provider, or None if it is none.

    The domain may be typed as such (``Hotmail.com.ar``), after an ``@``, as
    an address or as a web address.
    """
    text = (text or "").strip()
    domain = email_domain(text) if "@" in text else url_domain(text)
    return domain if domain and _DOMAIN_PATTERN.match(domain) else None


def name_key(name):
    """Return a company name without case, accents, punctuation and legal form."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().replace(".", "")
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    # Runs of single letters are initials written with spaces: "s a" is "sa".
    merged, in_initials = [], False
    for word in words:
        single_letter = len(word) == 1 and word.isalpha()
        if single_letter and in_initials:
            merged[-1] += word
        else:
            merged.append(word)
        in_initials = single_letter
    words = merged
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for size in range(min(_LONGEST_FORM, len(words) - 1), 0, -1):
            if tuple(words[-size:]) in LEGAL_FORMS:
                words = words[:-size]
                stripped = True
                break
    return " ".join(words) or None


def name_blocks(key):
    """Return two blocking keys of a normalized name: word heads and word tails.

    Each is the sequence of the first (or last) four letters of the words of
    three letters or more, in their order. A typo changes at most one of the
    two in most words, while another company whose name differs by a whole
    word, or has its words in another order, changes both: names sharing a
    block are the few worth a closer, trigram, comparison.
    """
    words = [word for word in (key or "").split() if len(word) >= 3]
    if not words:
        return None, None
    return " ".join(word[:4] for word in words), " ".join(word[-4:] for word in words)


def company_keys(vat, country_code, website, name):
    """Return the keys of a company as written anywhere (a lead's prospect, a
    partner): ``(tax id key, web domain, name key)``."""
    return vat_key(vat, country_code), url_domain(website), name_key(name)
