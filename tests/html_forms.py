"""Reading a page's forms the way a browser would submit them (tests and load runs)."""

from html.parser import HTMLParser


class Form(HTMLParser):
    """The fields of the page's main form (the one with most fields: the header also
    holds a small log-out form), with their default values; `forms` and `attributes`
    hold every form of the page and its <form> tag's attributes (method, action); `files`
    the names of each form's file inputs, which a browser sends as uploads."""

    def __init__(self):
        super().__init__()
        self.forms, self.attributes, self.files, self._select = [], [], [], None

    @property
    def fields(self):
        return max(self.forms, key=len) if self.forms else {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
            self.attributes.append(a)
            self.files.append([])
            return
        if not self.forms or "name" not in a and tag != "option":
            return
        fields = self.forms[-1]
        if tag == "input" and a.get("type") == "file":
            self.files[-1].append(a["name"])
        elif tag == "input" and a.get("type") not in ("checkbox", "radio", "submit"):
            fields.setdefault(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and a.get("value"):
            fields.setdefault(self._select, a["value"])
        elif tag == "textarea":
            fields.setdefault(a["name"], "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
