PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261122000000_Initial','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261122010000_Launch','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261122020000_Notifications','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261122030000_NotificationSearchIndexes','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261122035000_DeviceTestReports','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261122040000_Sms','10.0.15');
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
INSERT INTO AspNetRoles VALUES('dae09432-a0d9-4959-bfc4-dd664d95f0f7','Admin','ADMIN','93839495-0e2b-436d-bf20-442802969da4');
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "MustChangePassword" INTEGER NOT NULL DEFAULT 0,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);
INSERT INTO AspNetUsers VALUES('aae71b40-91c2-48aa-8a18-921f8b0163c6',1,'admin','ADMIN',NULL,NULL,0,'AQAAAAIAAYagAAAAEBI0t2CmPZQFwvbjBnXTWsLYCrNQTc9Q7iXOzeHsLKYie4dZUIESWOlry2Lrj0vGEQ==','3UF7KMKGO5DOHF7KVMGFFAQ6Q6GI2W5E','01053758-90c1-4914-aeb5-2084d4a1fe5a',NULL,0,0,NULL,1,0);
CREATE TABLE IF NOT EXISTS "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "AtUtc" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "Summary" TEXT NOT NULL
);
INSERT INTO AuditEntries VALUES('D4BFF131-8B8C-456E-BDD7-1BD8D4DDC52E','2026-12-01 21:47:31.7811834','sandbox-seed','TenantCreated','Tenant','sandbox','all settings; ZoomClientSecret replaced; ZoomWebhookSecretToken replaced; EpicClientSecret replaced; TelehealthBasicPassword replaced; SmsAuthToken replaced; SigningKey generated');
INSERT INTO AuditEntries VALUES('2DD44F07-319D-47D1-BE76-FDEB26E40857','2026-12-01 21:47:32.2593009','sandbox-seed','SandboxTenantSeeded','Tenant','sandbox','sandbox tenant created');
CREATE TABLE IF NOT EXISTS "Tenants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Tenants" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "OrgId" TEXT NOT NULL,
    "Environment" TEXT NOT NULL,
    "AdmittancePolicy" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    "ZoomClientSecretProtected" TEXT NULL,
    "ZoomWebhookSecretTokenProtected" TEXT NULL,
    "EpicClientSecretProtected" TEXT NULL,
    "EpicPrivateKeyProtected" TEXT NULL,
    "TelehealthBasicPasswordProtected" TEXT NULL,
    "DeviceTestEndpointUrl" TEXT NULL,
    "DeviceTestProviderHelpUrl" TEXT NULL,
    "EpicClientId" TEXT NOT NULL,
    "EpicDeviceTestReportPath" TEXT NOT NULL,
    "EpicFhirBaseUrl" TEXT NOT NULL,
    "EpicOAuthBaseUrl" TEXT NULL,
    "EpicTelehealthAuthMode" TEXT NOT NULL,
    "EpicTelehealthBaseUrl" TEXT NOT NULL,
    "EpicTelehealthBasicUser" TEXT NULL,
    "EpicVendorName" TEXT NOT NULL,
    "EpicConnectedCode" TEXT NOT NULL,
    "EpicDisconnectedCode" TEXT NOT NULL,
    "EpicPatientIdTypeCode" TEXT NOT NULL,
    "EpicProviderIdTypeCode" TEXT NOT NULL,
    "SigningKeyCreatedAtUtc" TEXT NULL,
    "SigningKeyImported" INTEGER NULL,
    "SigningKeyId" TEXT NULL,
    "SigningPublicJwk" TEXT NULL,
    "ZoomAccountId" TEXT NOT NULL,
    "ZoomApiBaseUrl" TEXT NOT NULL,
    "ZoomClientId" TEXT NOT NULL,
    "ZoomOAuthBaseUrl" TEXT NOT NULL,
    "ZoomProviderUserType" TEXT NOT NULL,
    "ZoomUserEmailDomain" TEXT NOT NULL
, "ZoomSettingsWarning" TEXT NULL, "ZoomSettingsWarningAtUtc" TEXT NULL, "SmsEnabled" INTEGER NOT NULL DEFAULT 0, "SmsApiBaseUrl" TEXT NOT NULL DEFAULT 'https://api.twilio.com', "SmsAccountSid" TEXT NOT NULL DEFAULT '', "SmsFromNumber" TEXT NOT NULL DEFAULT '', "SmsMessageTemplate" TEXT NOT NULL DEFAULT 'Your video visit is ready. Join here: {link} Reply STOP to opt out.', "SmsAuthTokenProtected" TEXT NULL);
INSERT INTO Tenants VALUES('D173F950-2078-413B-8B5C-AF413F565A1B','Sandbox Health','sandbox','Test','AutoAdmitWhenHostJoins','2026-12-01 21:47:30.1053526','2026-12-01 21:47:31.0604555','CfDJ8O2GvL1tgQBEs8hn1A5-C7zKCXaVSqJUhdEX0gH0drMABcf8jua5n43UESdFDm6hH6gOt9j2Q3VbGv-N3BmSBUUjqB1py9x90fALdpQxXEM3HawwTT-R54IuRrcS74uUR5x4dSJUAbeYGSRILJDG3PU','CfDJ8O2GvL1tgQBEs8hn1A5-C7zBRQe_IVx7kcju3QI9NZuUm2VbJQczG6wlgo1XrRpUon86xonHhK7_TSW291BaJFMqag_BCL0RmOYMtQdFEJsnhhvjd6A0S25dPGxtEx1nS5zwej-0F4d7y2EAUWdKLKc','CfDJ8O2GvL1tgQBEs8hn1A5-C7zBcYwBEtsKFe8rNnspDHM7vunBlYsO7HmjW5jzmqp0PTYsfLI8QbYB8-_37llmC5-m9NmlTqBJxk34TYvqbYoqpjjiwXTKf4FOPuxnukqska2Pp9aD1RVqQdWazGn7Hpc','CfDJ8O2GvL1tgQBEs8hn1A5-C7wHX0eu0G_SHKLWj-5hhYjK3m6xAwoSrQs3RVvz-a5Awij0WLU_YnwBFhVf5zK-EqgthmNQDlz_-XSZ0DfDYmBBrUjoAs49Q26HFLQuNeWfdoWBgzMbR_BNwSXiyLfr33BTPdVaiYnrwSIf1K2MlGWTV8QNYLRtiU2JiFT0OFwd0qJyERDPHiViJkEYc9ydVeDn1HAMftkBPAmR5vYQ4m92sQ-vMeOQJ2anlaar2XfDEESN2qZmSQY0ii3FyeVSoVsYWwVSwdir6NiF7A77VCQLwJ-4-2vsmz7N6uSwFZxClhKzL5_CrPWUJJs-xaTJ7kUtxJ_MiK_MhEHh8qgAut1Nfe5Fi34kwnbxnOaZGITit0tdeJpIPJX-x_E_3gUjQD2Dn8fIM2PetN3KAcfjxe1GM1KSldoPZe8iCyzuEcX4c9NGdmR6JEYkYOiijbzrNpd7j1c2bti3dMKm9cTggDcjWleVdVMWdNvUnSvL0uIE_KFlo_rMFFUp-jMzp4KkqXki-qEVxhs4uSLhqCuPqoVyc4nCpiNpl9EP7j0XaO3oL6ZjAoLxAMRzWBnvIBK5Tfo6_7ncJlzoMKgUFm1xrDvS14TJ6HBzGGvkowhf4DC8VXSRMLkccRRoLUIpbjALL39ZGXmLHtoPvSuwTquIA4LG-htGpblXRSBWccLiuajCHpWujw8VnCrtEYq213fQ8S-irBe-FTq_mi3r6ToyjVvCK4bGDWWvk74Nt83fJWhx4lZ9aVQJMzh7CB4nFyiU2fZ5YtbJzYi7SgO5VfAlpUPPtxpewy4OAG9TFqpeRKRs53iQ6ABE48jsU0d6DE8zLFVRWTNdpip-2MCJpkZnHYV90zWo7OkUG7J3BJmWSdLd3odkuRhBSYM5LLb0AMXXj9vdRo6Q3dTHWw2I6WlaUHIk_td2xFYak93s_zPilcH7Dcxuhjp3vUdbVOGKprminEYJQ_5VLDQpHUEzNxSJX5Vj8YGYIGa9-0tbIU74MXZOJbsjf1LnWo77cDdgFMpSUFq_joXGvcoF4OFCARWeCStemIRCUIRT5t0CVtPOrJ1z9DRe3pFTj0JUuF2H2YkZNUwmo8PNbYneYSUfbPn-5hsshEGalusKQ7vN0OVg3o4-QJQeN9mUcSj9JhZ-BMWxilSDidEdA-JEfZhwZwDABeVMThWlP08oKvTd0HHVGWyp4HtWxiKckEVc1ZdBd1VkBxULdi_2hKX3CWXRjFuZVuwtoDg9X_VmvpM6_PVK__n4s1lN-mRn4ACF6jPqRUFz_HFp6WkXwcQ7MxQE7_mSm70MWtAITXZRKps6_UtuFloTUJ92s7wuQdE0AFcZ94aJSc92N7lUQjeA0pkyGMhVC2n7y3hHfdb_gLwZoKKNbCJZR8Q-YtVrv6OIAeIW7IBWzhD3WAxOJkEqJyW3__mWa3eTUy8fexgtK8C8d4J7H0O0X9x_l9V38atp9rQCW-WqQRBIARwJ79P3rknVgAcrh0ZRbgZbtb1QTQd43ytv8FPAFoMY4A8fHb9fP76sIVK4zHY8DXzNfnQyXGZr0uPQxi3KbGoxKNJHnKn1cwBvI027veU3_F2r0J4HGNjr_YWL7Xww-MbPpjhN-6NkhkkO_YNopt7Qh5jKpTLrRubSZTC2UJcynxU7xmtUAwPUgRG9DTNcMJHJ6ryDx63F1nqDbuPUyn3m5Jktsz21yebItUTQPcZQPabp8AVYUVlLN7Mb0j4P6N0f2Pq8klAAEy4OtiYyGP-DBltppOXCfOaAp63Pap1dZr0sAWmAWBHSYVn3v2huCJmFIGFjK1UTDYIA1AMmsg5dkmeZOHKkoYYiIfGD4tEyfvxzSgZ_d3QOp4yLN8MYk7YI1phMlUXm14Ym9v-Q0ShR4p_TVa2AuQC3RRcv6zDWIuffJHlPD6P68razfVLvoV7KKeL9CyYZGNm7-bKyLDtlOdGr0XnspRRwWoLXQLy3GcGPSjrJV2EptCRpSxHUeVoIyP0qrEV6PvG_LqdZHyksaLd8VRCgsNjFh7OkQ--3D9OnBVRZaXrrLv3tuzFuXmRWrzOHMTDOr17qy4TghtxZv1NoTAkonZTmpBHcquBPrQJb7rjlWRWaBCrTnD5RYoMMaU_8_vg_p0LfH95a4AUOwXDLs5ovuO3Ed7SzxsUFfAGv52OvFiugCrKH-MdIq5-T_SXqhgbQw9jnUsgJUsrUJqHdL3xypnayCaVRTHNfFA1r19Zk58UTDMJqeJ1HMg0Z9HwKThNOm_RNqp0e-hj-V2tqzPEzFTGzfFMViEAM-sczdPMxSU6hjF1aX356n-suuBQhnt_zzxNcHCFnldg10YR7ua-2_x6qH-jgWRm1VUZlRWu4K7KXN4_UoMw','CfDJ8O2GvL1tgQBEs8hn1A5-C7wGAngIi5TlasNCkfiQ3lC9QgbLhd3UFchDT-KDD16AcpBGWaB3-G3GG5JMoH3pasL_WNdpxxQJIAuW1t2n8ZS6EQeWgeUVQ7cdLdmEbr253JChsC8ric0r9ST6ENXtxic',NULL,NULL,'epiczoom-sandbox','api/epic/2020/Telehealth/DeviceTest/SetDeviceTestResult','http://127.0.0.1:5181/sandbox/epic/api/FHIR/R4',NULL,'BackendOAuthToken','http://127.0.0.1:5181/sandbox/epic','epiczoom','EpicZoom','1','2','2','2','2026-12-01 21:47:31.0478783',0,'Alvb1f3tkI5q9cJ5Ko0dD43XaRpQyjyjrvnhdkyDGGQ','{"kty":"RSA","use":"sig","alg":"RS384","kid":"Alvb1f3tkI5q9cJ5Ko0dD43XaRpQyjyjrvnhdkyDGGQ","n":"tpUTU6duOpu1uj3dZ5EEBqKhxXjXTm7E-9-rwZmcWaAmAp9IA644zsvfRuZZtHMzJAAqFH6ldGnuN6JSLz0nRYhwlISXoWYfke2mocmpLCQdq8pFI8DEQhCdx6Etszqbwxgn8j3CapFiBIwK0xAmTqU8YxJ0h7iufDIRX_nlKL3LFFrn3vyB_QWMjdvcpqbBhLsy03dk6c6OLRa7_D8MRLKPIjT06qAorqtsCe2adurqhgrMWKTrLD77NT-WsuTOR9_pSyMMl_xzj2vDL1fAE0nShSGD30QVD83_S59r7Ebo2uwEWJP-_vy_yNLekaDk5XrsFHCyU1LvL-VCndmU-w","e":"AQAB"}','sandbox-account','http://127.0.0.1:5181/sandbox/zoom/v2','sandbox-zoom-client','http://127.0.0.1:5181/sandbox/zoom','Licensed','sandbox-health.example',NULL,NULL,1,'http://127.0.0.1:5181/sandbox/sms','AC5a4d8b0c0e1f2a3b4c5d6e7f80912a3b','+15550100200','Your video visit is ready. Join here: {link} Reply STOP to opt out.','CfDJ8O2GvL1tgQBEs8hn1A5-C7zSY3ORxSnq-n4BxgRtIa3h4EgfQIwX6X0zvaIAwg2gl8UeukEmcTpo11Z9_XRUkdXR2lDvis9MTot9ojRHpc2XE6_jtb0_pdBGxXWCkcBfN3QdqSI_FrL25xWeMYyUteI');
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetRoleClaims VALUES(1,'dae09432-a0d9-4959-bfc4-dd664d95f0f7','legacy','1');
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserClaims VALUES(1,'aae71b40-91c2-48aa-8a18-921f8b0163c6','legacy','1');
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserLogins VALUES('legacy-idp','key-1','Legacy','aae71b40-91c2-48aa-8a18-921f8b0163c6');
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserRoles VALUES('aae71b40-91c2-48aa-8a18-921f8b0163c6','dae09432-a0d9-4959-bfc4-dd664d95f0f7');
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserTokens VALUES('aae71b40-91c2-48aa-8a18-921f8b0163c6','legacy','token','value');
CREATE TABLE IF NOT EXISTS "LaunchRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LaunchRecords" PRIMARY KEY,
    "TenantId" TEXT NULL,
    "LaunchType" TEXT NULL,
    "Csn" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "DurationMs" INTEGER NOT NULL,
    "UpstreamMs" INTEGER NOT NULL,
    "UpstreamCalls" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL
);
INSERT INTO LaunchRecords VALUES('9E1FB57C-8103-417E-A172-DDECEC98A815','D173F950-2078-413B-8B5C-AF413F565A1B','Provider',NULL,'begin:OK',433,129,'epic.smart.discovery=1','2026-12-01 21:47:32.6394706');
INSERT INTO LaunchRecords VALUES('4E71BC49-5CC4-4492-A22B-8B884B6B4303','D173F950-2078-413B-8B5C-AF413F565A1B','Provider','424242001','callback:OK',3319,2433,'epic.fhir.read.Patient=1 epic.smart.token.code=1 zoom.meetings.create=1 zoom.oauth.token=1 zoom.users.create=1','2026-12-01 21:47:36.0863418');
INSERT INTO LaunchRecords VALUES('95F9B322-3A99-46A2-98FD-3EDCF433E7EF','D173F950-2078-413B-8B5C-AF413F565A1B','Patient',NULL,'begin:OK',5,0,'','2026-12-01 21:47:37.3743609');
INSERT INTO LaunchRecords VALUES('F439CE53-B9DB-43A2-A3AA-124B30535F99','D173F950-2078-413B-8B5C-AF413F565A1B','Patient','424242001','callback:OK',193,28,'epic.smart.token.code=1 zoom.users.create=1','2026-12-01 21:47:37.5832125');
INSERT INTO LaunchRecords VALUES('492E64EE-4964-4A6A-B816-8450A36DE7D0','D173F950-2078-413B-8B5C-AF413F565A1B','DeviceTest',NULL,'begin:OK',10,0,'','2026-12-01 21:47:37.6944104');
INSERT INTO LaunchRecords VALUES('079B4617-7E8F-48C0-B63B-2F5B35AE00C2','D173F950-2078-413B-8B5C-AF413F565A1B','DeviceTest','424242001','callback:OK',35,12,'epic.smart.token.code=1','2026-12-01 21:47:37.7465549');
CREATE TABLE IF NOT EXISTS "LaunchSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LaunchSessions" PRIMARY KEY,
    "StateHash" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL,
    "LaunchType" TEXT NOT NULL,
    "CodeVerifierProtected" TEXT NOT NULL,
    "QueryContextProtected" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ExpiresAtUtc" TEXT NOT NULL,
    "ConsumedAtUtc" TEXT NULL,
    CONSTRAINT "FK_LaunchSessions_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
);
INSERT INTO LaunchSessions VALUES('4C61375D-8394-4036-A6C6-175FBF9FBA2F','766AD15001FD0B8A97EC1082DEF080F225E3AB96C26B03005AFBCA54C1856D3C','D173F950-2078-413B-8B5C-AF413F565A1B','Provider','CfDJ8O2GvL1tgQBEs8hn1A5-C7xtQYJPQKnwDg6rnk5e2O7bFyHEmiUv--CiGRkiHPy0szxsqnpO5NTVYBafW7HElsBb2-4cOw4yUFwH_PJB0HCo14ZiCiMaiOU7SeVGEyMqFZoG2eePqMfpMb9ZAFbGsCpRJDSlGm37coEO0b3aZzPQ','CfDJ8O2GvL1tgQBEs8hn1A5-C7wNs4bRiFZcXcIiLunYSTgUGtmXcKDfot7zSU7PuEmeWv248UVCyeimECnx_8kn17yaIttCFidqF089JTf3QerGZcJGss4asPKPgjlJQYfgbw','2026-12-01 21:47:32.5109307','2026-12-01 21:57:32.5109307','2026-12-01 21:47:32.7729437');
INSERT INTO LaunchSessions VALUES('521B31CE-462B-4477-9AFD-7D229D55CF9F','ABCE4DC9A18E741DB9877D2AB1B673B12785F912603479E7E4A4A6C01F3365C0','D173F950-2078-413B-8B5C-AF413F565A1B','Patient','CfDJ8O2GvL1tgQBEs8hn1A5-C7zZnvLt5JjS3G3V4Ai6r09L5y1suL2J894VqJ4WLWyq1_4ZXIsxn483CYnVdLlOe8vxZtG1DgRA5rbfalXA1jsVd8y_zIvXd7qLCV1eRa3AQq2YdyIBNCAWvOCwK-jBgTZf-STOWz5-zOGyLlcrxAQn','CfDJ8O2GvL1tgQBEs8hn1A5-C7zDLmLyAkPHVEnabE2LU9qDIv0jTnJ8MSV7tYJdjdhdX5Oldw2Y6f6WBm0DAeIFnl1tEh9FrEbARoEHATeVnwh3LmeReu_WKMqhkJQGvET2DA','2026-12-01 21:47:37.3710666','2026-12-01 21:57:37.3710666','2026-12-01 21:47:37.3890602');
INSERT INTO LaunchSessions VALUES('DFF70F6D-158E-43D1-98C2-D01AD7EE0D03','0F254605F42FFC30BEC37E9FBE7EAE360951BD845B6FFD3E53CAB93DB6325293','D173F950-2078-413B-8B5C-AF413F565A1B','DeviceTest','CfDJ8O2GvL1tgQBEs8hn1A5-C7zsHQ8nZ4qJR-jLF-w16Hi1PWFVl0DIWV0NQEuEOHdQWRo2TgwueamBswSZVuzVf4Vtg1VeTSvuWqEMrgQYSNpAvo_Zqmp3SSYrZkuOjlrBE7vW9eeAF_L2iaTZBG3-VGGQQvuvPxE2sMS0YUUReBHY','CfDJ8O2GvL1tgQBEs8hn1A5-C7wWEVjf2jfmBxUD0st3OkzXKqg56dceGxjlfdiZAuHwNKtA5wpU2Ak2mhs8SJ5X5IXag4OYIckMLk1O-LBW-Qw4rqJs4HGNQZjSmGJbowEwmw','2026-12-01 21:47:37.6901269','2026-12-01 21:57:37.6901269','2026-12-01 21:47:37.7105794');
CREATE TABLE IF NOT EXISTS "VideoVisits" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VideoVisits" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Csn" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ZoomMeetingId" INTEGER NULL,
    "ZoomMeetingUuid" TEXT NULL,
    "HostZoomUserId" TEXT NULL,
    "HostEpicId" TEXT NULL,
    "JoinUrlProtected" TEXT NULL,
    "MeetingPasswordProtected" TEXT NULL,
    "MeetingCreatedAtUtc" TEXT NULL,
    "MeetingClaim" TEXT NULL,
    "MeetingClaimExpiresAtUtc" TEXT NULL,
    "HostJoinedAtUtc" TEXT NULL,
    "EndedAtUtc" TEXT NULL,
    "SettingsWarning" TEXT NULL,
    CONSTRAINT "FK_VideoVisits_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
);
INSERT INTO VideoVisits VALUES('6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9','D173F950-2078-413B-8B5C-AF413F565A1B','424242001','2026-12-01 21:47:35.3458272',82446577834,'DgjFBGeOm08pLo+dJnAIOw==','-6rt8ApmzvhH5DX2UCOjbA','EMP859908','CfDJ8O2GvL1tgQBEs8hn1A5-C7zJ4kIZ-0mhhpmGTU7e4q0c9lARv44DegRSuL0HRg0053hJ-GByunI8pf9AwiAdfiRRmNLy0qxZtQJwlcUSGIcpUU-AJAjS-brCu_4aXeMpMcj8jVLO6vxxv21GKoX1yrDRitftKaUcXB2RsHWtFPHlbC2p1nBIfEE7zsES0jFe4L0qs7McccFXPRlMfVkYdxd2qPvJe057_VtG8P2z2FGj','CfDJ8O2GvL1tgQBEs8hn1A5-C7xNYd1ExV17cNHJEtlPdV_q0ha-rUeikYyGNEalpdi14B91d0gFbXszfuK8N2XuP9R7Aiol2MO7hgsC5CHZUeoFAIFUXT7iCGIGzw9J8hVSOw','2026-12-01 21:47:35.8953644',NULL,NULL,'2026-12-01 21:47:39',NULL,NULL);
CREATE TABLE IF NOT EXISTS "ZoomAccounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ZoomAccounts" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "EpicId" TEXT NOT NULL,
    "ZoomUserId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "CreatedByEpicZoom" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "DeleteAfterUtc" TEXT NULL,
    CONSTRAINT "FK_ZoomAccounts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
);
INSERT INTO ZoomAccounts VALUES('A089501B-73F8-408C-AF39-69878C0E3E62','D173F950-2078-413B-8B5C-AF413F565A1B','Provider','EMP859908','-6rt8ApmzvhH5DX2UCOjbA','ez-c7e8de2e59189dd925e5@sandbox-health.example',1,'2026-12-01 21:47:35.6671968',NULL);
INSERT INTO ZoomAccounts VALUES('019EE125-4ECF-4A2B-B252-BFA6C85945F8','D173F950-2078-413B-8B5C-AF413F565A1B','Patient','6f44411c-8c65-4dfd-8d83-8faf6b54cef9:WPR4033794','hajetL3cP0BcGmWcF5W6uw','pt-wgwfswjsuicy@sandbox-health.example',1,'2026-12-01 21:47:37.5610982','2026-12-02 21:47:37.5595752');
CREATE TABLE IF NOT EXISTS "DeviceTestResults" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DeviceTestResults" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "VisitId" TEXT NOT NULL,
    "Csn" TEXT NOT NULL,
    "EpicId" TEXT NOT NULL,
    "CameraWorks" INTEGER NOT NULL,
    "MicrophoneWorks" INTEGER NOT NULL,
    "SpeakerWorks" INTEGER NOT NULL,
    "TestedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_DeviceTestResults_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
);
INSERT INTO DeviceTestResults VALUES('9F9D179D-10A4-43AE-8002-1B9EF044C65E','D173F950-2078-413B-8B5C-AF413F565A1B','6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9','424242001','WPR4033794',1,1,0,'2026-12-01 21:47:37.8424767');
CREATE TABLE IF NOT EXISTS "VisitParticipants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VisitParticipants" PRIMARY KEY,
    "EpicId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "ZoomUserId" TEXT NULL,
    "IsHost" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "FirstLaunchedAtUtc" TEXT NOT NULL,
    "StateChangedAtUtc" TEXT NULL,
    "VisitId" TEXT NOT NULL,
    CONSTRAINT "FK_VisitParticipants_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
);
INSERT INTO VisitParticipants VALUES('76D8C2A4-F91B-4238-9E19-F2D5B5275F2E','EMP859908','Provider','-6rt8ApmzvhH5DX2UCOjbA',1,'Connected','2026-12-01 21:47:35.9080902','2026-12-01 21:47:39','6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9');
INSERT INTO VisitParticipants VALUES('B75C47B8-7E48-4E1E-A1AB-F89254A0BA39','e3grRZr5vgYTFOL7pcjQUu1M','Patient',NULL,0,'NotJoined','2026-12-01 21:47:35.9840562',NULL,'6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9');
INSERT INTO VisitParticipants VALUES('AC03B5D8-FA3C-46BE-90C5-17A03217435F','WPR4033794','Patient','hajetL3cP0BcGmWcF5W6uw',0,'NotJoined','2026-12-01 21:47:37.419525',NULL,'6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9');
CREATE TABLE IF NOT EXISTS "NotificationRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NotificationRecords" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "VisitId" TEXT NOT NULL,
    "Csn" TEXT NOT NULL,
    "ZoomMeetingId" INTEGER NULL,
    "ParticipantId" TEXT NOT NULL,
    "ParticipantRole" TEXT NOT NULL,
    "ExternalId" TEXT NOT NULL,
    "ExternalIdType" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "StatusCode" TEXT NOT NULL,
    "OccurredAtUtc" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "AttemptCount" INTEGER NOT NULL,
    "LastRespCode" INTEGER NULL,
    "LastAttemptAtUtc" TEXT NULL,
    "NextAttemptAtUtc" TEXT NOT NULL,
    "DeliveredAtUtc" TEXT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseExpiresAtUtc" TEXT NULL, "Payload" TEXT NULL, "ReplayedAtUtc" TEXT NULL,
    CONSTRAINT "FK_NotificationRecords_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
);
INSERT INTO NotificationRecords VALUES('FFDF4661-8BFF-487A-BE2D-8659608CB9E0','D173F950-2078-413B-8B5C-AF413F565A1B','6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9','424242001',82446577834,'AC03B5D8-FA3C-46BE-90C5-17A03217435F','Patient','WPR4033794','2','DeviceTest','Failed','2026-12-01 21:47:37.8424767','2026-12-01 21:47:37.8424767',1,'Delivered',1,200,'2026-12-01 21:47:38.4155803','2026-12-01 21:47:37.8424767','2026-12-01 21:47:38.4155803',NULL,NULL,'{"CSN":"424242001","ExternalID":"WPR4033794","ExternalIDType":"2","VendorName":"EpicZoom","Result":"Failed","Camera":"Passed","Microphone":"Passed","Speaker":"Failed","TestedAt":"2026-12-01T21:47:37Z"}',NULL);
INSERT INTO NotificationRecords VALUES('E0460F24-F29A-41A4-8FAC-2AC7C1E8F9DB','D173F950-2078-413B-8B5C-AF413F565A1B','6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9','424242001',82446577834,'76D8C2A4-F91B-4238-9E19-F2D5B5275F2E','Provider','EMP859908','2','Connected','1','2026-12-01 21:47:39','2026-12-01 21:47:39.7288279',1,'Delivered',1,200,'2026-12-01 21:47:39.7869498','2026-12-01 21:47:39.7288279','2026-12-01 21:47:39.7869498',NULL,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "WebhookEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookEvents" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "BodyHash" TEXT NOT NULL,
    "BodyProtected" TEXT NOT NULL,
    "ReceivedAtUtc" TEXT NOT NULL,
    "ProcessedAtUtc" TEXT NULL,
    "ProcessingAttempts" INTEGER NOT NULL,
    "ProcessingNote" TEXT NULL,
    CONSTRAINT "FK_WebhookEvents_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
);
INSERT INTO WebhookEvents VALUES('A946DD75-1DFF-467C-9AF5-F0A63DDE90AB','D173F950-2078-413B-8B5C-AF413F565A1B','meeting.started','07A751B8684288ECEF8FAD1392085AD46E2E4CC7A61CE1FE2AB86569A6CE6BAF','CfDJ8O2GvL1tgQBEs8hn1A5-C7yIHm1ULtZ1--huepd_c8NHtxGEXAaWm5SSYrlRoyoTkCLK9xmW-JfSu4GWqJ3wAXuoZw_dvw7Oy76T2PeYu2xB9teR-tYK0KrV5FaGAXLHiHPud5qMFsyEa7JuUWZS0toTWuBv8V8BSmP24GJZdiXCHmpkDCaF0oT5fhwEXhYw7A2olFi_tJJm9L8t3Y3a3uEFxtYvs1bLDtpZGQd4DH39e52JtR8AxdN4EUbXwIykKkobKuy3hkCQeoLgXKwGcnJGDHl3li4QK5SYb_MdTlKfruEpZAJygjdLRj2lr6UhWU2KwFlsrU6dO-OL8iuGR_P4TBNuqt-Ayfuax6vvWydUmh-IN6zLARk_UgpWd2_EtOf0U8S_qjT9_D6Yb_ppOmO0r30ztKEfqr7Svvp-ymQmehjs5-gZOHi0ORPSVGtY5qlvYmMPWFWCsPKdubMxq03crlbVzl50APaFpeZ8l1a_DXEu0iDTrPsxGL15Zn8vvjyRpoQJxApBDxyKNAVogbI','2026-12-01 21:47:39.5595935','2026-12-01 21:47:39.694871',1,NULL);
INSERT INTO WebhookEvents VALUES('B13AB4DC-04E1-450B-88D5-C532676FCDC5','D173F950-2078-413B-8B5C-AF413F565A1B','meeting.participant_joined','6350F3BEDE598A36C18DC0EFA8773D50F0A26C0581A0F62E8D7CCB7DD39EDD02','CfDJ8O2GvL1tgQBEs8hn1A5-C7yCJTqz3psJ1RHIYrukYDtsYFXg4RjCn4-tMm6H9flKnTFDYf4M-kFir9-J8Slexxe7z1xdDiiPvGPdrRgzLVH_tqmDmwi8W4e1GaxXUUcpiCQgsw_iFrMDwquJsGfHnxoq2EPr-JelQGO4AVmmPOcK9T36A4X-o_lO-hE2iAUKRyTDVfS34_u2y6uCqY4D0s6Dv0FzVcIsrfbwLoz_VmAQOl3DH2GqqOj3e8nkbKh9x9WXZHSdZZz6ibwTZJrgEHAAn7m0N6r8-Qn3NQCn5jOWku4-91v2wytNsdMnMepsPdnqQQcss_oMrkeRY9HQdGrj-PHHl5iMZ3NN_viFHpeqOWX_L4-MzzEtlKlTmx621STqFTmNjtT7yu-mGX15k5hVRhCmPTBRSN45PRnMrNR94sAwcfK26iWsF25Ofq1rw0tl_gL3bkAuo_m1ZecB2I_6BoU_W8wusU6Q215vL_nJIQad55zwCZZRxQK2evWubXLvCfjGs2hryyE9k-jNJLFr1-zsL1BcAHk4bYYCNTaEsfYNqNWGiE989p1uMrVVVdYX3-vSy-blDdpfs6o3VcOU0W36qDByK2kd38ywBVUVfj5NTdMqEUHBI1dtnmGds0gl67tZJ3sxMdbN7x-QsQ6WpaHcLyNSWxHOJs6t6TRWb_qMTeO1r7S2YIU-3u3HgLnsFe_hRrQmUV63mBUGKqiQC_vCOYw5u1fu73fOjoqyTpOjBHztQobCr7JufYPZuD5pebdOiyqB_iGzWoHqRS1xulxNgSmjUk9zMro4OC7UmQ2iTvZzRBLpX_AjZa3MUwIjBK6VicbhGwGGedT4JCEI5NxlM1a7E7KIOZ3vy2UaTo0PCZYKsbqFXc--30w5PeV-_l-4CrGQWjgRiGGc5vGtt_iRxl0pc_l0oDjVU63BHz2m2UZGRdXOHYZ8jjhE-w','2026-12-01 21:47:39.6205557','2026-12-01 21:47:39.7291772',1,NULL);
CREATE TABLE IF NOT EXISTS "NotificationAttempts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NotificationAttempts" PRIMARY KEY,
    "NotificationRecordId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "RespCode" INTEGER NOT NULL,
    "DurationMs" INTEGER NOT NULL,
    "ResponseExcerpt" TEXT NOT NULL,
    "AttemptedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_NotificationAttempts_NotificationRecords_NotificationRecordId" FOREIGN KEY ("NotificationRecordId") REFERENCES "NotificationRecords" ("Id") ON DELETE CASCADE
);
INSERT INTO NotificationAttempts VALUES('1A2F50D6-6998-4221-9E2E-02105FA60446','FFDF4661-8BFF-487A-BE2D-8659608CB9E0',1,200,53,'','2026-12-01 21:47:38.4155803');
INSERT INTO NotificationAttempts VALUES('4B55FFF0-F3E7-4E76-B106-93D8FAF27370','E0460F24-F29A-41A4-8FAC-2AC7C1E8F9DB',1,200,6,'','2026-12-01 21:47:39.7869498');
CREATE TABLE IF NOT EXISTS "SmsOptOuts" (
    "TenantId" TEXT NOT NULL,
    "NumberHash" TEXT NOT NULL,
    "NumberMasked" TEXT NOT NULL,
    "OptedOutAtUtc" TEXT NOT NULL,
    CONSTRAINT "PK_SmsOptOuts" PRIMARY KEY ("TenantId", "NumberHash"),
    CONSTRAINT "FK_SmsOptOuts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE CASCADE
);
INSERT INTO SmsOptOuts VALUES('D173F950-2078-413B-8B5C-AF413F565A1B','d6fc376b74c77c7ca42ad1f9f64a08edac3b56affba1eb682dacfd0aba5c0cce','+•••••••9231','2026-12-01 21:47:39.5245752');
CREATE TABLE IF NOT EXISTS "PatientLinks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PatientLinks" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "VisitId" TEXT NOT NULL,
    "ParticipantId" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ExpiresAtUtc" TEXT NOT NULL,
    "OpenCount" INTEGER NOT NULL,
    "LastOpenedAtUtc" TEXT NULL,
    CONSTRAINT "FK_PatientLinks_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
);
INSERT INTO PatientLinks VALUES('MvVS1dpz1wbw','D173F950-2078-413B-8B5C-AF413F565A1B','6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9','B75C47B8-7E48-4E1E-A1AB-F89254A0BA39','2026-12-01 21:47:37.0292683','2026-12-02 21:47:37.0292683',0,NULL);
CREATE TABLE IF NOT EXISTS "SmsMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SmsMessages" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "VisitId" TEXT NOT NULL,
    "LinkId" TEXT NOT NULL,
    "ToMasked" TEXT NOT NULL,
    "ToHash" TEXT NOT NULL,
    "ToProtected" TEXT NOT NULL,
    "SentBy" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ProviderMessageId" TEXT NULL,
    "HttpStatus" INTEGER NULL,
    "ErrorCode" INTEGER NULL,
    "Detail" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_SmsMessages_VideoVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "VideoVisits" ("Id") ON DELETE CASCADE
);
INSERT INTO SmsMessages VALUES('EABA9447-0121-4E47-A42C-FD085D30CA00','D173F950-2078-413B-8B5C-AF413F565A1B','6F44411C-8C65-4DFD-8D83-8FAF6B54CEF9','MvVS1dpz1wbw','+•••••••9231','d6fc376b74c77c7ca42ad1f9f64a08edac3b56affba1eb682dacfd0aba5c0cce','CfDJ8O2GvL1tgQBEs8hn1A5-C7zXWXeLHACgX6apWvlv1nNavlX7vF1Qo7XBZhrCTkpM_mxk2DXz6F6Nlce963RxkeRDdoIwZQJdomrkSZAkWw3FeKOmJIXHCXh8AjAPFtI5XA','EMP859908','Delivered','SMd4bf7dd608beb89cfb6ffd03747cc702',201,NULL,NULL,'2026-12-01 21:47:36.8901743','2026-12-01 21:47:37.8725642');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('AspNetRoleClaims',1);
INSERT INTO sqlite_sequence VALUES('AspNetUserClaims',1);
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId")
;
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName")
;
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId")
;
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId")
;
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId")
;
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail")
;
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName")
;
CREATE INDEX "IX_AuditEntries_AtUtc" ON "AuditEntries" ("AtUtc")
;
CREATE UNIQUE INDEX "IX_Tenants_OrgId" ON "Tenants" ("OrgId")
;
CREATE INDEX "IX_DeviceTestResults_TestedAtUtc" ON "DeviceTestResults" ("TestedAtUtc")
;
CREATE INDEX "IX_DeviceTestResults_VisitId" ON "DeviceTestResults" ("VisitId")
;
CREATE INDEX "IX_LaunchRecords_AtUtc" ON "LaunchRecords" ("AtUtc")
;
CREATE INDEX "IX_LaunchSessions_ExpiresAtUtc" ON "LaunchSessions" ("ExpiresAtUtc")
;
CREATE UNIQUE INDEX "IX_LaunchSessions_StateHash" ON "LaunchSessions" ("StateHash")
;
CREATE INDEX "IX_LaunchSessions_TenantId" ON "LaunchSessions" ("TenantId")
;
CREATE UNIQUE INDEX "IX_VideoVisits_TenantId_Csn" ON "VideoVisits" ("TenantId", "Csn")
;
CREATE INDEX "IX_VideoVisits_ZoomMeetingId" ON "VideoVisits" ("ZoomMeetingId")
;
CREATE INDEX "IX_VisitParticipants_ZoomUserId" ON "VisitParticipants" ("ZoomUserId")
;
CREATE INDEX "IX_ZoomAccounts_DeleteAfterUtc" ON "ZoomAccounts" ("DeleteAfterUtc")
;
CREATE UNIQUE INDEX "IX_ZoomAccounts_TenantId_Kind_EpicId_ZoomUserId" ON "ZoomAccounts" ("TenantId", "Kind", "EpicId", "ZoomUserId")
;
CREATE INDEX "IX_ZoomAccounts_ZoomUserId" ON "ZoomAccounts" ("ZoomUserId")
;
CREATE INDEX "IX_NotificationAttempts_NotificationRecordId" ON "NotificationAttempts" ("NotificationRecordId")
;
CREATE UNIQUE INDEX "IX_NotificationRecords_ParticipantId_Sequence" ON "NotificationRecords" ("ParticipantId", "Sequence")
;
CREATE INDEX "IX_NotificationRecords_Status_NextAttemptAtUtc" ON "NotificationRecords" ("Status", "NextAttemptAtUtc")
;
CREATE UNIQUE INDEX "IX_VisitParticipants_VisitId_EpicId_Role" ON "VisitParticipants" ("VisitId", "EpicId", "Role")
;
CREATE INDEX "IX_WebhookEvents_ProcessedAtUtc_ReceivedAtUtc" ON "WebhookEvents" ("ProcessedAtUtc", "ReceivedAtUtc")
;
CREATE UNIQUE INDEX "IX_WebhookEvents_TenantId_BodyHash" ON "WebhookEvents" ("TenantId", "BodyHash")
;
CREATE INDEX "IX_NotificationRecords_TenantId" ON "NotificationRecords" ("TenantId")
;
CREATE INDEX "IX_NotificationRecords_Csn" ON "NotificationRecords" ("Csn")
;
CREATE INDEX "IX_NotificationRecords_ZoomMeetingId" ON "NotificationRecords" ("ZoomMeetingId")
;
CREATE INDEX "IX_NotificationRecords_OccurredAtUtc" ON "NotificationRecords" ("OccurredAtUtc")
;
CREATE INDEX "IX_NotificationRecords_ExternalId_OccurredAtUtc" ON "NotificationRecords" ("ExternalId", "OccurredAtUtc")
;
CREATE INDEX "IX_NotificationRecords_Status_OccurredAtUtc" ON "NotificationRecords" ("Status", "OccurredAtUtc")
;
CREATE INDEX "IX_NotificationRecords_LastRespCode_OccurredAtUtc" ON "NotificationRecords" ("LastRespCode", "OccurredAtUtc")
;
CREATE UNIQUE INDEX "IX_PatientLinks_VisitId_ParticipantId" ON "PatientLinks" ("VisitId", "ParticipantId")
;
CREATE INDEX "IX_SmsMessages_ProviderMessageId" ON "SmsMessages" ("ProviderMessageId")
;
CREATE INDEX "IX_SmsMessages_TenantId_ToHash_CreatedAtUtc" ON "SmsMessages" ("TenantId", "ToHash", "CreatedAtUtc")
;
CREATE INDEX "IX_SmsMessages_VisitId_CreatedAtUtc" ON "SmsMessages" ("VisitId", "CreatedAtUtc")
;
COMMIT;
