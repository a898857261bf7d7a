"""Writes of the credentials app (blanks, register, credentials), re-exported."""

from daotao.credentials.services.blanks import (
    BlankStockData,
    blank_spoil,
    blank_stock_receive,
)
from daotao.credentials.services.historical import (
    HistoricalCredential,
    historical_credentials_import,
)
from daotao.credentials.services.issuing import (
    Graduate,
    credential_correct,
    credential_reissue,
    credential_revoke,
    credentials_issue,
    new_verification_code,
)
from daotao.credentials.services.templates import (
    WORDING_FIELDS,
    credential_template_for,
    credential_template_update,
)

__all__ = [
    "WORDING_FIELDS",
    "BlankStockData",
    "Graduate",
    "HistoricalCredential",
    "blank_spoil",
    "blank_stock_receive",
    "credential_correct",
    "credential_reissue",
    "credential_revoke",
    "credential_template_for",
    "credential_template_update",
    "credentials_issue",
    "historical_credentials_import",
    "new_verification_code",
]
