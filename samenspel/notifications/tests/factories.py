import factory

from samenspel.core.tests.factories import UserFactory
from samenspel.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Nieuwe update bij Buurtmoestuin {n}")
    body = "De eerste oogst is binnen."
    url = factory.Sequence(lambda n: f"/lindeveen/initiatieven/buurtmoestuin-{n}/")
