"""Normalized prospect keys (partner_network/tools/prospect_keys.py), without Odoo."""

import importlib.util

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "prospect_keys", ROOT / "partner_network" / "tools" / "prospect_keys.py"
)
keys = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(keys)


@pytest.mark.parametrize(
    "variants",
    [
        [
            "ACME Sistemas, S.A.",
            "Acme sistemas SA",
            "acme sistemas s. a.",
            "ACME SISTEMAS",
        ],
        [
            "Lusitânia Digital, Lda",
            "LUSITANIA DIGITAL LDA.",
            "Lusitania Digital Unipessoal Lda",
        ],
        ["Andes Software S.R.L.", "andes software srl", "Andes Software, SRL"],
        ["Ferretería El Tornillo SRL", "Ferreteria el Tornillo S.R.L."],
        ["Comercial Norte S.A. de C.V.", "Comercial Norte SA de CV"],
        ["The Acme Company Inc.", "The ACME Co., Inc"],
    ],
)
def test_name_written_differently(variants):
    assert len({keys.name_key(name) for name in variants}) == 1


def test_name_keeps_distinctive_words():
    assert keys.name_key("ACME Sistemas, S.A.") == "acme sistemas"
    assert keys.name_key("Acme Sistemas Norte SL") == "acme sistemas norte"
    assert keys.name_key("S.A.") == "sa"  # a legal form alone is not erased
    assert keys.name_key("  ") is None


@pytest.mark.parametrize(
    ("vat", "country", "expected"),
    [
        ("ES B-12345674", None, "B12345674"),
        ("esb12345674", None, "B12345674"),
        ("B12345674", "ES", "B12345674"),
        ("30-71234567-1", "AR", "30712345671"),
        ("30712345671", None, "30712345671"),
        ("AR 30-71234567-1", None, "30712345671"),
        ("EL094259216", None, "094259216"),
        ("PT 501 964 843", None, "501964843"),
        ("", "ES", None),
    ],
)
def test_vat_key(vat, country, expected):
    assert keys.vat_key(vat, country) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.Acme.com/", "acme.com"),
        ("acme.com", "acme.com"),
        ("www.acme.com/contact?x=1", "acme.com"),
        ("http://ACME.COM:8080/", "acme.com"),
        ("acme", None),
        ("http://[broken", None),
        (None, None),
    ],
)
def test_url_domain(url, expected):
    assert keys.url_domain(url) == expected


def test_email_domain():
    assert keys.email_domain("Juan <juan@Acme.COM>") == "acme.com"
    assert keys.email_domain("not an email") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hotmail.com.ar", "hotmail.com.ar"),
        ("  Hotmail.COM.ar ", "hotmail.com.ar"),
        ("@fibertel.com.ar", "fibertel.com.ar"),
        ("kiosco.uno@Arnet.com.ar", "arnet.com.ar"),
        ("https://www.terra.es/", "terra.es"),
        ("mail.telepac.pt", "mail.telepac.pt"),
        ("hotmail", None),
        ("foo bar.com", None),
        ("-bad-.com", None),
        ("mail.123", None),
        ("", None),
        (None, None),
    ],
)
def test_mail_domain(text, expected):
    assert keys.mail_domain(text) == expected


def test_name_blocks_tolerate_a_typo_but_not_another_word():
    heads, tails = keys.name_blocks(keys.name_key("Distribuidora Andina de Software"))
    typo_heads, typo_tails = keys.name_blocks(
        keys.name_key("Distribuidora Andina de Sofware")
    )
    other_heads, other_tails = keys.name_blocks(
        keys.name_key("Distribuidora Andina de Alimentos")
    )
    assert tails == typo_tails
    assert heads != other_heads and tails != other_tails
    assert keys.name_blocks(None) == (None, None)


words = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzáéíóúñç"),
    min_size=1,
    max_size=8,
)
names = st.lists(words, min_size=1, max_size=5).map(" ".join)


@given(names, st.sampled_from(["", " SA", ", S.L.", " Lda.", " S.R.L.", " Inc."]))
def test_case_accents_and_legal_form_do_not_change_the_key(name, legal_form):
    key = keys.name_key(name)
    assert keys.name_key(name.upper() + legal_form) == key


@given(names)
def test_name_key_is_idempotent(name):
    key = keys.name_key(name)
    assert key is None or keys.name_key(key) == key


@given(st.text(max_size=40), st.sampled_from([None, "ES", "AR", "PT", "XX"]))
def test_vat_key_is_compact_and_stable(vat, country):
    key = keys.vat_key(vat, country)
    assert key is None or (key.isalnum() and key == key.upper())


@given(st.text(alphabet="abcAB09-.@ /:", max_size=30))
def test_mail_domain_is_idempotent(text):
    """A provider's stored name is its own normalized form (as its check needs)."""
    domain = keys.mail_domain(text)
    assert domain is None or keys.mail_domain(domain) == domain


def test_company_keys_are_the_keys_of_each_part():
    """A company's keys are its tax id, web domain and name keys, in order."""
    assert keys.company_keys(
        "ES B-12345674", None, "https://www.Acme.es/contacto", "ACME Sistemas, S.A."
    ) == ("B12345674", "acme.es", "acme sistemas")
