"""What enrolment tells the apps above it (architecture.md: a lower app defines the
signal, the receiver connects in its AppConfig.ready())."""

from django.dispatch import Signal

# Sent inside the admitting transaction when learners join a formed cohort
# (supplementary admission), with `cohort` and `enrollment_ids`; receivers add
# them to what they keep per learner (e.g. the open score sheets).
learners_added = Signal()
