"""Writes of the credentials app (blanks, register, credentials), re-exported."""

from daotao.credentials.services.blanks import (
    BlankStockData,
    blank_spoil,
    blank_stock_receive,
)
from daotao.credentials.services.issuing import (
    Graduate,
    credential_correct,
    credential_reissue,
    credential_revoke,
    credentials_issue,
    new_verification_code,
)

__all__ = [
    "BlankStockData",
    "Graduate",
    "blank_spoil",
    "blank_stock_receive",
    "credential_correct",
    "credential_reissue",
    "credential_revoke",
    "credentials_issue",
    "new_verification_code",
]
