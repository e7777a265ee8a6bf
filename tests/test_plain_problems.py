"""One wording for pydantic's errors and one for a typed financial year, for every reader."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from code_check.errors import InputError, plain_problem
from code_check.statistics.model import typed_financial_year


class _Row(BaseModel):
    count: int
    name: str = ""

    @field_validator("name")
    @classmethod
    def _not_odd(cls, value: str) -> str:
        if value == "odd":
            raise ValueError("An odd name")
        return value


def _error(data: dict) -> dict:
    with pytest.raises(ValidationError) as caught:
        _Row.model_validate(data)
    return caught.value.errors(include_url=False)[0]


def test_a_readers_own_words_come_first():
    assert plain_problem(_error({}), {"missing": "is required but blank"}) == \
        "is required but blank"


def test_a_type_error_says_what_was_expected_and_found():
    assert plain_problem(_error({"count": 1.5}), {}) == "expected a whole number, found 1.5"


def test_a_validators_message_loses_pydantics_prefix():
    assert plain_problem(_error({"count": 1, "name": "odd"}), {}) == "an odd name"


def test_a_typed_financial_year_is_read_or_named_by_its_field():
    assert typed_financial_year("2023/2024", "--year") == "2023-24"
    with pytest.raises(InputError) as caught:
        typed_financial_year("2023", "year")
    assert str(caught.value) == "year: expected a financial year such as 2023-24, found '2023'"
