"""`any_of`: a field's value is one of a set of ids, sent as one array parameter on PostgreSQL.

A scope is a few hundred place ids, in every restricted query. As an `IN (...)` list each id
is a parameter of its own that Django prepares and the driver splices into the query text
afresh; as one array (`= ANY(%s)`) it is one parameter. Elsewhere it is the same `IN`.
Both mean the same rows: an empty set matches none.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, ForeignObject, Lookup
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        prepare = self.lhs.output_field.get_prep_value
        # A scope's ids are ints already: only anything else is prepared, not each of hundreds of ids.
        return sorted(value if type(value) is int else prepare(value) for value in self.rhs)

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        if connection.vendor != "postgresql":
            return In(self.lhs, self.rhs).as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # relations do not inherit the lookups of plain fields
