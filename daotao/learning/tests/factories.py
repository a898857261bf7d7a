"""Builders for what learners do in class: attendance and leave requests."""

import datetime

import factory

from daotao.enrolment.tests.factories import EnrollmentFactory
from daotao.learning.models import Attendance, LeaveRequest
from daotao.teaching.tests.factories import TeachingSessionFactory


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(TeachingSessionFactory)
    enrollment = factory.SubFactory(
        EnrollmentFactory, cohort=factory.SelfAttribute("..session.cohort")
    )
    status = Attendance.Status.PRESENT


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveRequest

    enrollment = factory.SubFactory(EnrollmentFactory)
    starts_on = factory.LazyAttribute(lambda leave: leave.enrollment.cohort.starts_on)
    ends_on = factory.LazyAttribute(
        lambda leave: leave.starts_on + datetime.timedelta(days=1)
    )
    reason = "Ốm, có giấy của cơ sở y tế"
