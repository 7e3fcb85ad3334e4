"""A migration operation for a foreign key over several columns, which Django's models
cannot declare: e.g. a household's (village, commune) must be a village's (id, commune),
so that a household can never sit in another commune's village.

PostgreSQL only. SQLite, the quick start's database, cannot add a constraint to an
existing table, and runs without it. The key is deferrable and checked at commit, like
the keys Django makes."""

from django.db.migrations.operations.base import Operation


class AddCompositeForeignKey(Operation):
    reversible = True

    def __init__(self, model_name, name, fields, to_model, to_fields):
        self.model_name, self.name, self.fields = model_name, name, list(fields)
        self.to_model, self.to_fields = to_model, list(to_fields)

    def deconstruct(self):
        kwargs = {
            "model_name": self.model_name,
            "name": self.name,
            "fields": self.fields,
            "to_model": self.to_model,
            "to_fields": self.to_fields,
        }
        return self.__class__.__name__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # the models keep their own fields, declared without a key (db_constraint)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        target = to_state.apps.get_model(self.to_model)
        quote = schema_editor.quote_name
        columns, to_columns = (
            _columns(model, self.fields, quote),
            _columns(target, self.to_fields, quote),
        )
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} ADD CONSTRAINT {quote(self.name)} "
            f"FOREIGN KEY ({columns}) REFERENCES {quote(target._meta.db_table)} ({to_columns}) "
            "DEFERRABLE INITIALLY DEFERRED"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} DROP CONSTRAINT {quote(self.name)}"
        )

    def describe(self):
        return (
            f"Add foreign key {self.name} ({', '.join(self.fields)}) on {self.model_name} "
            f"→ {self.to_model} ({', '.join(self.to_fields)})"
        )

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.name.lower()}"


def _columns(model, fields, quote):
    return ", ".join(quote(model._meta.get_field(name).column) for name in fields)
