"""The web app's routers, one per part of the site; app.py includes them all."""
