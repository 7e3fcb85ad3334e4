from tests.members.conftest import branch_a, commune_branch_a, village_a  # noqa: F401
