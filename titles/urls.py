app_name = "titles"

urlpatterns = []
