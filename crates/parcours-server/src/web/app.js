"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var fichier = $("export"), depot = $("depot"), sortie = $("resultat"), etat = $("etat");
  // The titles mapped so far (by the mapping file or on this page): title → métier.
  var choisis = {};
  // The profile planned, the budget shown, the number of the last plan asked.
  var profil = null, budgetAffiche = null, numeroPlan = 0;

  function el(nom, texte, classe) {
    var e = document.createElement(nom);
    if (texte !== undefined && texte !== null) { e.textContent = String(texte); }
    if (classe) { e.className = classe; }
    return e;
  }
  function nombre(n) { return Number(n).toLocaleString("fr-FR"); }
  function pluriel(n, mot) { return nombre(n) + " " + mot + (n > 1 ? "s" : ""); }
  function joursStagiaires(n) { return nombre(n) + (n > 1 ? " jours-stagiaires" : " jour-stagiaire"); }
  function annoncer(texte) { etat.textContent = texte; }
  function entetes(autres) {
    var h = autres || {};
    var jeton = $("jeton").value;
    if (jeton) { h.Authorization = "Bearer " + jeton; }
    return h;
  }
  // A request to the API: resolves to {ok, status, corps} (JSON when the answer is JSON,
  // a Blob otherwise); a server that does not answer rejects.
  function api(adresse, options) {
    options = options || {};
    options.headers = entetes(options.headers);
    return fetch(adresse, options).then(function (rep) {
      var type = rep.headers.get("Content-Type") || "";
      var corps = /json/.test(type) ? rep.json() : rep.blob();
      return corps.then(function (c) { return { ok: rep.ok, status: rep.status, corps: c }; });
    });
  }
  function horsLigne() { annoncer(""); montrerErreurs({ detail: "parcours ne répond pas : le serveur est-il toujours lancé ?" }, sortie); }

  function tableau(titre, entetesCols, lignes) {
    var t = el("table"), tete = el("thead"), tr = el("tr");
    t.appendChild(el("caption", titre));
    entetesCols.forEach(function (h) { var th = el("th", h[0], h[1] ? "nombre" : ""); th.scope = "col"; tr.appendChild(th); });
    tete.appendChild(tr); t.appendChild(tete);
    var corps = el("tbody");
    lignes.forEach(function (l) {
      var r = el("tr");
      l.forEach(function (c, i) { r.appendChild(el("td", c, entetesCols[i][1] ? "nombre" : "")); });
      corps.appendChild(r);
    });
    t.appendChild(corps);
    return t;
  }
  // The CLI's diagnostics, in its words: message, file:line:column, field, help.
  function texteDiagnostic(d) {
    var t = d.message;
    if (d.file) { t += "\n--> " + d.file + ":" + d.location.line + ":" + d.location.col + (d.path ? " (champ " + d.path + ")" : ""); }
    if (d.help) { t += "\n= aide : " + d.help; }
    return t;
  }
  function montrerErreurs(p, dans) {
    var bloc = el("div", null, "erreur");
    bloc.setAttribute("role", "alert");
    bloc.appendChild(el("p", "erreur : " + p.detail));
    (p.diagnostics || []).forEach(function (d) { bloc.appendChild(el("pre", texteDiagnostic(d))); });
    dans.appendChild(bloc);
  }

  // ---- 1. The export ----
  function rapport(r, enEchec) {
    sortie.appendChild(el("h3", "Ce que parcours a lu"));
    sortie.appendChild(el("p", pluriel(r.rows, "ligne") + " lue" + (r.rows > 1 ? "s" : "") + ", " + pluriel(r.agents, "agent") + " ; " + nombre(r.matched_by_reference) + " reconnu" + (r.matched_by_reference > 1 ? "s" : "") + " d'après le seul référentiel des métiers (colonne « " + r.title_column + " »)."));
    if (r.personal_columns.length) { sortie.appendChild(el("p", "Colonnes de données personnelles écartées, jamais recopiées : " + r.personal_columns.join(", ") + ".")); }
    if (r.ignored_columns.length) { sortie.appendChild(el("p", "Colonnes non utilisées : " + r.ignored_columns.join(", ") + ".")); }
    r.notes.forEach(function (n) { sortie.appendChild(el("p", n)); });
    if (r.pix) {
      var x = r.pix;
      sortie.appendChild(el("p", "Résultats Pix : " + pluriel(x.participants, "participant") + " ; niveaux mesurés pour " + pluriel(x.measured_agents, "agent") + " (rapprochés par " + x.joined_by + ") ; sans ligne dans l'export des agents : " + nombre(x.no_staff_row) + " ; résultats non partagés : " + nombre(x.not_shared) + " ; homonymes non rapprochés : " + nombre(x.homonyms) + ". Les autres agents gardent l'estimation d'après la maturité numérique."));
    }
    if (r.unmatched.length) {
      sortie.appendChild(el("h3", pluriel(r.unmatched.length, "intitulé") + " à rattacher à un métier"));
      sortie.appendChild(tableau("Intitulés non reconnus, les plus fréquents d'abord", [["Intitulé de poste"], ["Agents", true], ["Métiers proches"]],
        r.unmatched.map(function (t) {
          return [t.title, nombre(t.agents), t.suggestions.map(function (s) { return s.name + " (" + s.metier + ")"; }).join(" ; ") || "aucun"];
        })));
      rattachements(r);
    } else if (!enEchec) {
      sortie.appendChild(el("p", "Tous les intitulés de poste sont rattachés à un métier (" + pluriel(r.agents - r.left_out, "agent") + ")."));
    }
    var comment = { "referentiel": "référentiel des métiers", "correspondance": "fichier de correspondance", "non-reconnu": "non reconnu" };
    sortie.appendChild(el("h3", "Intitulés reconnus"));
    sortie.appendChild(tableau("Intitulés reconnus et leur métier", [["Intitulé de poste"], ["Métier"], ["Agents", true], ["Reconnu par"]],
      r.recognised.map(function (t) { return [t.title, t.metier_name || t.metier, nombre(t.agents), comment[t.how] || t.how]; })));
  }
  function csvCellule(v) { return "\"" + String(v).replace(/"/g, "\"\"") + "\""; }
  // The mapping built so far, as the file `parcours profile import --mapping` reads.
  function correspondance() {
    var lignes = ["# Correspondance entre les intitulés de poste et les métiers de parcours, écrite par l'application web.",
      "# Gardez ce fichier : donnez-le avec l'export de l'an prochain (ou : parcours profile import EXPORT --mapping CE_FICHIER).",
      "titre;metier"];
    Object.keys(choisis).sort().forEach(function (titre) { lignes.push(csvCellule(titre) + ";" + csvCellule(choisis[titre])); });
    return "\ufeff" + lignes.join("\r\n") + "\r\n";
  }
  function rattachements(r) {
    var bloc = el("form");
    bloc.id = "rattachements";
    bloc.appendChild(el("p", "Pour chaque intitulé, tapez quelques lettres du métier (ou de l'intitulé lui-même) et choisissez dans la liste ; un intitulé laissé vide reste à rattacher."));
    var champs = [];
    r.unmatched.forEach(function (t, i) {
      var id = "rattache-" + i;
      var label = el("label", "Métier pour « " + t.title + " » (" + pluriel(t.agents, "agent") + ")");
      label.htmlFor = id;
      var aide = el("p", t.suggestions.length ? "Le plus proche : " + t.suggestions[0].name + " (" + t.suggestions[0].metier + "), à confirmer." : "Aucun métier proche : cherchez-le.", "aide");
      aide.id = id + "-aide";
      var champ = el("input", null, "rattache");
      champ.type = "text"; champ.id = id; champ.setAttribute("list", id + "-liste"); champ.autocomplete = "off";
      champ.setAttribute("aria-describedby", aide.id);
      var liste = el("datalist");
      liste.id = id + "-liste";
      function remplir(metiers) {
        liste.textContent = "";
        metiers.forEach(function (m) { var o = el("option"); o.value = m.id; o.label = m.name; liste.appendChild(o); });
      }
      remplir(t.suggestions.map(function (s) { return { id: s.metier, name: s.name }; }));
      var attente;
      champ.addEventListener("input", function () {
        clearTimeout(attente);
        var mot = champ.value.trim();
        if (mot.length < 2) { return; }
        attente = setTimeout(function () {
          api("/api/v1/metiers?search=" + encodeURIComponent(mot))
            .then(function (rep) { if (rep.ok) { remplir(rep.corps.slice(0, 10)); } })
            .catch(function () {});
        }, 200);
      });
      bloc.appendChild(label);
      bloc.appendChild(aide);
      bloc.appendChild(champ);
      bloc.appendChild(liste);
      champs.push([t.title, champ]);
    });
    var bouton = el("button", "Relire l'export avec ces rattachements");
    bouton.type = "submit"; bouton.id = "relire";
    bloc.appendChild(bouton);
    bloc.addEventListener("submit", function (e) {
      e.preventDefault();
      champs.forEach(function (c) { var v = c[1].value.trim(); if (v) { choisis[c[0]] = v; } });
      lire();
    });
    sortie.appendChild(bloc);
  }
  function lienTelechargement(libelle, nom, contenu, type, id) {
    var a = el("a", libelle);
    a.href = URL.createObjectURL(contenu instanceof Blob ? contenu : new Blob([contenu], { type: type }));
    a.download = nom;
    if (id) { a.id = id; }
    var p = el("p");
    p.appendChild(a);
    sortie.appendChild(p);
  }
  // The export (with the mapping built so far and the Pix results) as a form.
  function formulaireExport() {
    var donnees = new FormData();
    donnees.append("export", fichier.files[0], fichier.files[0].name);
    if (Object.keys(choisis).length) { donnees.append("mapping", new Blob([correspondance()], { type: "text/csv" }), "correspondance.csv"); }
    var pix = $("pix").files;
    if (pix.length) { donnees.append("pix", pix[0], pix[0].name); }
    return donnees;
  }
  // Reads the export through the API and shows what was recognised.
  function lire() {
    annoncer("Lecture de l'export en cours…");
    sortie.textContent = "";
    api("/api/v1/import?file=" + encodeURIComponent(fichier.files[0].name), { method: "POST", body: formulaireExport() })
      .then(function (r) {
        var rep = r.ok ? r.corps.report : r.corps.import;
        if (!rep || (!r.ok && !rep.unmatched.length)) { annoncer("L'export n'a pas pu être lu."); montrerErreurs(r.corps, sortie); return; }
        rep.recognised.forEach(function (t) { if (t.how === "correspondance") { choisis[t.title] = t.metier; } });
        annoncer("Export lu : " + pluriel(rep.agents, "agent") + (rep.unmatched.length ? ", " + pluriel(rep.unmatched.length, "intitulé") + " à rattacher." : ", tous rattachés à un métier."));
        rapport(rep, !r.ok);
        if (!r.ok) {
          var detail = el("details"), resume = el("summary", "Les messages de parcours, ligne par ligne");
          detail.appendChild(resume);
          montrerErreurs(r.corps, detail);
          sortie.appendChild(detail);
        }
        sortie.appendChild(el("h3", "Fichiers à garder"));
        if (Object.keys(choisis).length) { lienTelechargement("Télécharger la correspondance des intitulés (à redonner avec l'export de l'an prochain)", "correspondance-intitules-metiers.csv", correspondance(), "text/csv;charset=utf-8", "telecharger-correspondance"); }
        lienTelechargement("Télécharger le modèle de correspondance à compléter dans un tableur (CSV pour Excel)", "modele-correspondance.csv", rep.mapping_template, "text/csv;charset=utf-8");
        $("etape-collectivite").hidden = false;
      })
      .catch(horsLigne);
  }
  depot.addEventListener("dragover", function (e) { e.preventDefault(); depot.classList.add("survol"); });
  depot.addEventListener("dragleave", function () { depot.classList.remove("survol"); });
  depot.addEventListener("drop", function (e) {
    e.preventDefault(); depot.classList.remove("survol");
    if (e.dataTransfer.files.length) { fichier.files = e.dataTransfer.files; depot.textContent = e.dataTransfer.files[0].name; }
  });
  $("formulaire").addEventListener("submit", function (e) {
    e.preventDefault();
    if (!fichier.files.length) { annoncer("Choisissez d'abord l'export des agents."); fichier.focus(); return; }
    choisis = {};
    var m = $("mapping").files;
    if (!m.length) { lire(); return; }
    // The mapping file given: read by the server with the export (its titles come back as
    // recognised « par correspondance », kept in `choisis`).
    annoncer("Lecture de l'export en cours…");
    var donnees = formulaireExport();
    donnees.append("mapping", m[0], m[0].name);
    api("/api/v1/import?file=" + encodeURIComponent(fichier.files[0].name), { method: "POST", body: donnees })
      .then(function (r) {
        var rep = r.ok ? r.corps.report : r.corps.import;
        if (!rep) { sortie.textContent = ""; annoncer("Le fichier de correspondance n'a pas pu être lu."); montrerErreurs(r.corps, sortie); return; }
        rep.recognised.forEach(function (t) { if (t.how === "correspondance") { choisis[t.title] = t.metier; } });
        lire();
      })
      .catch(horsLigne);
  });

  // ---- 2. The collectivity ----
  // Each field: its id, the import's parameter, the profile's field path.
  var CHAMPS = [
    ["nom", "name", "name"], ["type", "kind", "kind"], ["population", "population", "population"],
    ["departement", "department", "department"], ["commune", "commune", "commune"], ["maturite", "maturity", "maturity"], ["annee", "first_year", "first_year"],
    ["encadrants", "managers", "managers"], ["elus", "elected", "elected_officials"],
    ["jours", "days_per_year", "budget.days_per_year"], ["cout", "cost_per_day", "budget.cost_per_day"],
    ["plafond", "max_days_per_agent", "budget.max_days_per_agent"], ["ignorer", "ignore_unmatched", null],
    ["euros", null, "budget.euros_per_year"], ["horizon", null, "horizon"],
    ["recrutements-a", null, "statutory.recruitments.a"], ["recrutements-b", null, "statutory.recruitments.b"],
    ["recrutements-c", null, "statutory.recruitments.c"], ["postes", null, "statutory.responsibility_posts"],
    ["carriere", null, "statutory.career_headcount"]
  ];
  function effacerErreurs() {
    document.querySelectorAll("p.erreur-champ").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    document.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    $("erreurs-collectivite").textContent = "";
  }
  function erreurChamp(id, texte) {
    var p = $("erreur-" + id), champ = $(id);
    p.textContent = (p.textContent ? p.textContent + "\n" : "") + "erreur : " + texte;
    p.hidden = false;
    if (champ) { champ.setAttribute("aria-invalid", "true"); }
    return champ;
  }
  // The field a diagnostic's path or a parameter's name concerns, if any.
  function champDuChemin(chemin) {
    var trouve = null;
    CHAMPS.forEach(function (c) { if (!trouve && c[2] && (chemin === c[2] || chemin.indexOf(c[2] + ".") === 0 || chemin.indexOf(c[2] + "[") === 0)) { trouve = c[0]; } });
    if (!trouve && chemin.indexOf("statutory") === 0) { trouve = "recrutements-a"; }
    return trouve;
  }
  function champDuParametre(nom) {
    var trouve = null;
    CHAMPS.forEach(function (c) { if (c[1] === nom) { trouve = c[0]; } });
    return trouve;
  }
  // A problem answered to the form: each diagnostic beside its field, the rest below the form.
  function erreursFormulaire(p) {
    var premier = null, reste = { detail: p.detail, diagnostics: [] };
    var parametre = /^paramètre « ([^»]+) » : ([\s\S]*)$/.exec(p.detail || "");
    if (parametre && champDuParametre(parametre[1])) {
      premier = erreurChamp(champDuParametre(parametre[1]), parametre[2]);
    } else {
      (p.diagnostics || []).forEach(function (d) {
        var id = d.path ? champDuChemin(d.path) : null;
        if (id) {
          var c = erreurChamp(id, d.message + (d.help ? "\n= aide : " + d.help : ""));
          premier = premier || c;
        } else { reste.diagnostics.push(d); }
      });
    }
    if (!premier || reste.diagnostics.length) { montrerErreurs(premier ? reste : p, $("erreurs-collectivite")); }
    annoncer("Le plan n'a pas pu être calculé : " + p.detail + ".");
    if (premier) { premier.focus(); }
  }
  function entier(id) { var v = $(id).value.trim(); return v === "" ? null : Number(v); }
  // The import's parameters from the form.
  function parametresImport() {
    var q = ["format=json", "file=" + encodeURIComponent(fichier.files[0].name)];
    CHAMPS.forEach(function (c) {
      if (!c[1]) { return; }
      var champ = $(c[0]);
      if (champ.type === "checkbox") { if (champ.checked) { q.push(c[1] + "=true"); } return; }
      var v = champ.value.trim();
      if (v !== "") { q.push(c[1] + "=" + encodeURIComponent(v)); }
    });
    return q.join("&");
  }
  // What the import does not take, written into the profile it answered.
  function completer(p) {
    if (entier("horizon") !== null) { p.horizon = entier("horizon"); }
    if (entier("euros") !== null) { p.budget.euros_per_year = entier("euros"); }
    var a = entier("recrutements-a"), b = entier("recrutements-b"), c = entier("recrutements-c");
    var s = {};
    if (a !== null || b !== null || c !== null) { s.recruitments = { a: a || 0, b: b || 0, c: c || 0 }; }
    if (entier("postes") !== null) { s.responsibility_posts = entier("postes"); }
    if (entier("carriere") !== null) { s.career_headcount = entier("carriere"); }
    if (Object.keys(s).length) { p.statutory = s; }
    return p;
  }
  $("collectivite").addEventListener("submit", function (e) {
    e.preventDefault();
    effacerErreurs();
    if (!$("nom").value.trim()) { erreurChamp("nom", "donnez le nom de la collectivité").focus(); annoncer("Il manque le nom de la collectivité."); return; }
    var bouton = $("calculer");
    bouton.disabled = true;
    annoncer("Calcul du plan en cours…");
    api("/api/v1/import?" + parametresImport(), { method: "POST", body: formulaireExport() })
      .then(function (r) {
        if (!r.ok) {
          var reste = r.corps.import ? r.corps.import.unmatched.length : 0;
          if (reste) {
            erreurChamp("ignorer", pluriel(reste, "intitulé") + " sans métier : rattachez-les à l'étape 1, ou cochez cette case pour laisser leurs agents de côté").focus();
            annoncer("Le plan n'a pas pu être calculé : des intitulés restent sans métier.");
            return null;
          }
          erreursFormulaire(r.corps);
          return null;
        }
        var p = completer(r.corps.profile);
        return planifier(p, null).then(function (ok) {
          if (!ok) { return; }
          profil = p;
          var jours = p.budget.days_per_year;
          var curseur = $("budget-curseur");
          curseur.max = String(Math.max(50, Math.ceil(jours * 3 / 10) * 10));
          curseur.value = String(jours);
          $("budget").value = String(jours);
          $("etape-plan").hidden = false;
          $("etape-telechargements").hidden = false;
        });
      })
      .catch(horsLigne)
      .then(function () { bouton.disabled = false; });
  });

  // ---- 3. The plan ----
  function corpsProfil(p) { return new Blob([JSON.stringify(p)], { type: "application/json" }); }
  // Plans `p` (at `budget` trainee-days a year, or the profile's) and shows the report; resolves
  // to whether it was shown. An older answer arriving after a newer request is dropped.
  function planifier(p, budget) {
    var numero = ++numeroPlan;
    var q = "/api/v1/plan?format=html&file=profil.json" + (budget === null ? "" : "&budget_days=" + budget);
    return api(q, { method: "POST", body: corpsProfil(p), headers: { "Content-Type": "application/json" } })
      .then(function (r) {
        if (numero !== numeroPlan) { return false; }
        if (!r.ok) {
          if (budget !== null) {
            var m = /^paramètre « budget_days » : ([\s\S]*)$/.exec(r.corps.detail || "");
            erreurChamp("budget", m ? m[1] : r.corps.detail);
            annoncer("Le plan n'a pas pu être recalculé pour " + joursStagiaires(budget) + " par an.");
          } else { erreursFormulaire(r.corps); }
          return false;
        }
        return r.corps.text().then(function (html) {
          if (numero !== numeroPlan) { return false; }
          var cadre = $("rapport");
          cadre.srcdoc = html;
          budgetAffiche = budget === null ? p.budget.days_per_year : budget;
          annoncer("Plan calculé pour " + joursStagiaires(budgetAffiche) + " par an.");
          return true;
        });
      });
  }
  // The report's frame as tall as the report, for reading and printing.
  $("rapport").addEventListener("load", function () {
    var d = this.contentDocument;
    if (d && d.documentElement) { this.style.height = (d.documentElement.scrollHeight + 20) + "px"; }
  });
  var attenteBudget;
  function budgetChange(valeur, autre) {
    autre.value = valeur;
    var p = $("erreur-budget");
    p.hidden = true; p.textContent = "";
    $("budget").removeAttribute("aria-invalid");
    clearTimeout(attenteBudget);
    var n = Number(valeur);
    if (!profil || valeur === "" || !(n >= 0) || Math.floor(n) !== n) { return; }
    attenteBudget = setTimeout(function () {
      annoncer("Nouveau calcul pour " + joursStagiaires(n) + " par an…");
      planifier(profil, n).catch(horsLigne);
    }, 350);
  }
  $("budget-curseur").addEventListener("input", function () { budgetChange(this.value, $("budget")); });
  $("budget").addEventListener("input", function () { budgetChange(this.value, $("budget-curseur")); });

  // ---- 4. Downloads ----
  function nomFichier(base, extension) {
    var nom = (profil && profil.name ? profil.name : "collectivite").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return base + "-" + nom + "." + extension;
  }
  function enregistrer(blob, nom) {
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = nom;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
    annoncer("Fichier « " + nom + " » téléchargé.");
  }
  function telecharger(bouton) {
    if (!profil) { return; }
    var p = JSON.parse(JSON.stringify(profil));
    if (budgetAffiche !== null) { p.budget.days_per_year = budgetAffiche; }
    var format = bouton.getAttribute("data-format"), formatProfil = bouton.getAttribute("data-profil");
    var adresse, nom;
    if (format) {
      adresse = "/api/v1/plan?file=profil.json&format=" + format + (format === "csv" ? "&csv_style=excel" : "");
      nom = nomFichier("plan-de-formation", format);
    } else {
      adresse = "/api/v1/profile?file=profil.json&format=" + formatProfil;
      nom = nomFichier("profil", formatProfil);
    }
    annoncer("Préparation de « " + nom + " »…");
    // The answer's bytes as the server wrote them (the plan's JSON is the command line's).
    fetch(adresse, { method: "POST", body: corpsProfil(p), headers: entetes({ "Content-Type": "application/json" }) })
      .then(function (rep) {
        if (rep.ok) { return rep.blob().then(function (b) { enregistrer(b, nom); }); }
        return rep.json().then(function (pb) { annoncer("Le téléchargement a échoué : " + pb.detail); });
      })
      .catch(horsLigne);
  }
  document.querySelectorAll("#telechargements button").forEach(function (b) {
    b.addEventListener("click", function () { telecharger(b); });
  });
}());
