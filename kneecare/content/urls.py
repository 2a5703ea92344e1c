from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("", views.home, name="home"),
    path("conditions/", views.condition_list, name="condition_list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
    path("guidance/", views.guidance_list, name="guidance_list"),
    path("guidance/<slug:slug>/", views.guidance_detail, name="guidance_detail"),
    path("sources/", views.sources, name="sources"),
    path("exercises/<slug:slug>/picture.png", views.exercise_picture, name="exercise_picture"),
    path("preview/<slug:kind>/<int:pk>/", views.preview, name="preview"),
    path("preview/markdown/", views.markdown_preview, name="markdown_preview"),
]
