app_name = "symptoms"

urlpatterns: list = []
