"""Test support shared by every app's tests: the demo seeded once per run
(`demo_database`) and the fresh-school builder (`school_world`)."""
