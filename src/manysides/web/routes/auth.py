"""Signing in: the server's token, checked once, becomes a cookie that lets this browser add coverage."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from manysides.web.deps import Web, check_write, form_token
from manysides.web.security import AUTH_COOKIE

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, web: Web) -> HTMLResponse:
    return web.page("login.html.j2", csrf_token=form_token(request), needed=bool(web.settings.token), wrong=False)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, web: Web, token: str = Form(default=""), csrf_token: str = Form(default="")) -> Response:
    """Check the server's token once; a cookie then lets this browser add coverage."""
    check_write(request, csrf_token, signing_in=True)
    if not web.guard.token_matches(token):
        return web.page("login.html.j2", 401, csrf_token=csrf_token, needed=bool(web.settings.token), wrong=True)
    response = RedirectResponse("/add", status_code=303)
    response.set_cookie(AUTH_COOKIE, web.guard.auth_cookie(), httponly=True, samesite="strict")
    return response
